package io.herald.core.campaign.content;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.herald.core.content.generation.ModelClient;
import io.smallrye.faulttolerance.api.ApplyGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * The model client under the {@link QueuedModelGuard} (no retries) instead of the api's retrying guard. Typed to
 * itself only, so that injecting a {@link ModelClient} still gets the api's client.
 */
@ApplicationScoped
@Typed(QueuedModelClient.class)
public class QueuedModelClient extends ModelClient {

    /** For the client proxy only (the parent has no such constructor for ArC to add); never used to call the model. */
    protected QueuedModelClient() {
        super(null);
    }

    @Inject
    public QueuedModelClient(ChatModel chatModel) {
        super(chatModel);
    }

    @Override
    @ApplyGuard(QueuedModelGuard.NAME)
    public ChatResponse chat(ChatRequest request) {
        return super.chat(request);
    }
}
