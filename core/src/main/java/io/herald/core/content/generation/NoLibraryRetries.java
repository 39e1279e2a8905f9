package io.herald.core.content.generation;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.quarkiverse.langchain4j.ModelBuilderCustomizer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * quarkus-langchain4j refuses {@code max-retries} below 1, and langchain4j reads it as "retries after the
 * first attempt", so a 429 or 5xx would be retried once inside the model before our guard saw it. Zero here
 * makes {@link ModelGuard} the only retry policy.
 */
@ApplicationScoped
public class NoLibraryRetries implements ModelBuilderCustomizer<OpenAiChatModel.OpenAiChatModelBuilder> {

    @Override
    public void customize(OpenAiChatModel.OpenAiChatModelBuilder builder) {
        builder.maxRetries(0);
    }
}
