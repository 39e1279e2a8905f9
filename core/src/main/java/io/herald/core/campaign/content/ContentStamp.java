package io.herald.core.campaign.content;

import io.herald.core.content.Source;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which content one message carried, for its message record.
 *
 * @param contentId the stored campaign content
 * @param variantId the campaign's variant
 * @param groupKey the content group
 * @param source {@code llm} or {@code template}
 * @param promptName the prompt that wrote it
 * @param promptVersion its version
 * @param promptHash the hash of its text
 * @param perRecipient written for this recipient alone (per-recipient mode) rather than for the group
 */
@RegisterForReflection
public record ContentStamp(String contentId, String variantId, String groupKey, Source source, String promptName,
        int promptVersion, String promptHash, boolean perRecipient) {
}
