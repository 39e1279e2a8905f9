package io.herald.core.delivery;

import java.time.Instant;

/**
 * A person unsubscribed through a one-click link and something changed (a repeat of the same request fires
 * nothing): a synchronous CDI event for whoever counts unsubscribes per campaign.
 *
 * @param campaignId the campaign of the message whose link was used, or null
 * @param messageId Herald's id of that message, or null
 */
public record Unsubscribed(String tenantId, String contactId, String campaignId, String messageId, Instant at) {
}
