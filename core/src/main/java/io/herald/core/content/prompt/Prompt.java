package io.herald.core.content.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One immutable version of a named prompt.
 *
 * @param name the prompt's name
 * @param version 1, 2, ... in order of creation
 * @param system the system part
 * @param user the user part
 * @param brandVoice how the brand speaks
 * @param profileFields the contact fields this prompt may show the model (further limited by the tenant's modelFields)
 * @param description what the prompt is for
 * @param hash sha-256 (hex) of the canonical prompt text, recorded with every generation that uses it
 * @param createdAt when this version was created
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(String name, int version, String system, String user, String brandVoice, List<String> profileFields,
        String description, String hash, Instant createdAt) {
}
