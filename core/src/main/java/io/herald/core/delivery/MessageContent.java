package io.herald.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which content a message carried, for the audit trail and the optimization issue.
 *
 * @param variant the campaign variant's id
 * @param contentId the stored campaign content it was rendered from
 * @param group the content group
 * @param source how the content was written ({@code llm} or {@code template})
 * @param promptName the prompt that wrote it
 * @param promptVersion its version
 * @param promptHash the hash of its exact text
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageContent(String variant, String contentId, String group, String source, String promptName,
        Integer promptVersion, String promptHash) {
}
