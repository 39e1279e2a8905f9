package io.herald.core.content.generation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How content generation calls the model and guards the call. The model itself (base URL, key, default model)
 * is configured under {@code quarkus.langchain4j.openai.*}.
 */
@ConfigMapping(prefix = "herald.generation")
public interface GenerationConfig {

    /** Longest wait for one model call before it counts as a timeout (HERALD_GENERATION_TIMEOUT). */
    @WithDefault("20s")
    Duration timeout();

    /** Retries after a failed model call (429 other than insufficient_quota, 5xx, timeouts); 0 disables retrying. */
    @WithDefault("2")
    int maxRetries();

    /** Delay before the first retry; it doubles for each retry after that, up to {@code max-delay}. */
    @WithDefault("500ms")
    Duration initialDelay();

    /** Upper bound of the exponential backoff delay. */
    @WithDefault("8s")
    Duration maxDelay();

    /** Random extra delay, from zero to this, added to every backoff so that clients do not retry in step. */
    @WithDefault("250ms")
    Duration jitter();

    /** Longest retry-after the server may ask for and still get a retry; a longer one fails at once (to the fallback). */
    @WithDefault("30s")
    Duration maxRetryAfter();

    /** Longest time all attempts of one call may take together. */
    @WithDefault("60s")
    Duration maxRetryDuration();

    /** Calls in the circuit breaker's rolling window. */
    @WithDefault("10")
    int circuitRequestVolume();

    /** Share of failed calls in the window that opens the circuit. */
    @WithDefault("0.5")
    double circuitFailureRatio();

    /** How long an open circuit sends every generation straight to the template composer. */
    @WithDefault("30s")
    Duration circuitDelay();

    /** The most SMS segments one generated SMS may take. */
    @WithDefault("3")
    int smsMaxSegments();

    /**
     * The models a request may name in {@code parameters.model} (HERALD_GENERATION_ALLOWED_MODELS, comma-separated);
     * when unset, only the configured default model ({@code quarkus.langchain4j.openai.chat-model.model-name}).
     * Any other model is a 400, so that a tenant cannot pick a more expensive model than the operator pays for.
     */
    Optional<List<String>> allowedModels();

    /** How many of a contact's latest events a prompt may show the model. */
    @WithDefault("5")
    int eventsInPrompt();
}
