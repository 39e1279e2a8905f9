package io.herald.core.content.generation;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.smallrye.faulttolerance.api.ApplyGuard;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place Herald calls the model, under the {@link ModelGuard}. It takes a full {@link ChatRequest}
 * because quarkus-langchain4j 1.10's {@code @RegisterAiService} methods build their request parameters from
 * configuration and the response format only: a per-request model, temperature, max tokens or seed cannot
 * reach the wire through them. Without a configured model this bean is never created (callers check
 * {@link ModelAvailability} first), so the application starts without a key.
 */
@ApplicationScoped
public class ModelClient {

    private final ChatModel chatModel;

    public ModelClient(ChatModel chatModel) {
        this.chatModel = chatModel;
    }

    @ApplyGuard(ModelGuard.NAME)
    public ChatResponse chat(ChatRequest request) {
        return chatModel.chat(request);
    }
}
