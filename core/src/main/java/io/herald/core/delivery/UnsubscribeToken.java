package io.herald.core.delivery;

/**
 * What a verified unsubscribe link names: whose consent to withdraw, and the message it came in (for counting).
 *
 * @param campaignId the campaign the message belonged to, or null for a message outside a campaign
 * @param messageId Herald's message id, or null
 */
public record UnsubscribeToken(String tenantId, String contactId, String campaignId, String messageId) {
}
