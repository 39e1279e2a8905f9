package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which prompt template to use.
 *
 * @param name the prompt's name
 * @param version a version number, or null for the latest
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptRef(String name, Integer version) {
}
