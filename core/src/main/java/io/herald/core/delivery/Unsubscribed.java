package io.herald.core.delivery;

import java.time.Instant;

/**
 * A person unsubscribed through a one-click link: a synchronous CDI event for whoever counts unsubscribes per
 * campaign. A repeat of the same request fires it again (so that a crash after the suppression cannot lose the
 * count); counters must count it once per message.
 *
 * @param campaignId the campaign of the message whose link was used, or null
 * @param messageId Herald's id of that message, or null
 */
public record Unsubscribed(String tenantId, String contactId, String campaignId, String messageId, Instant at) {
}
