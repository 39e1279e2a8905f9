package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Per-request model settings; each one left out takes the configured default.
 *
 * @param model the model name, such as {@code gpt-4o-mini}
 * @param temperature 0 to 2
 * @param maxTokens 1 to 4096 output tokens
 * @param seed sampling seed, for reproducible output where the server supports it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelParameters(String model, Double temperature, Integer maxTokens, Integer seed) {
}
