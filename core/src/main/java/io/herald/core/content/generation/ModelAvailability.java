package io.herald.core.content.generation;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a model is configured. quarkus-langchain4j refuses to start when the key is its own placeholder
 * {@code dummy} and the URL is OpenAI's, so Herald's default key (core's {@code microprofile-config.properties})
 * is {@link #NO_KEY} instead: the application starts, the model bean is never called, and generation uses the
 * template composer.
 */
@ApplicationScoped
public class ModelAvailability {

    /** The key Herald configures when OPENAI_API_KEY is unset. */
    public static final String NO_KEY = "no-key-configured";
    static final String DUMMY_KEY = "dummy";
    static final String OPENAI_URL = "https://api.openai.com/v1/";

    private final boolean configured;
    private final String defaultModel;

    public ModelAvailability(
            @ConfigProperty(name = "quarkus.langchain4j.openai.api-key", defaultValue = DUMMY_KEY) String apiKey,
            @ConfigProperty(name = "quarkus.langchain4j.openai.base-url", defaultValue = OPENAI_URL) String baseUrl,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "gpt-4o-mini") String defaultModel) {
        boolean realKey = !apiKey.isBlank() && !DUMMY_KEY.equals(apiKey) && !NO_KEY.equals(apiKey);
        boolean otherServer = !OPENAI_URL.equals(baseUrl) && !OPENAI_URL.equals(baseUrl + "/");
        this.configured = realKey || otherServer;
        this.defaultModel = defaultModel;
    }

    public boolean configured() {
        return configured;
    }

    public String defaultModel() {
        return defaultModel;
    }
}
