package io.herald.core.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * What Herald knows about one message to one recipient: the claim that makes a campaign send at most once, and
 * its outcome. It lives in the contact's partition (erasure and export reach it), and is found by Herald's
 * message id (gsi1) and, once sent, by the provider's (gsi2).
 *
 * @param messageId Herald's id, stable for (campaign, recipient), carried to the provider and into the unsubscribe link
 * @param tenantId the tenant
 * @param campaignId the campaign
 * @param contactId the recipient, or null for a test send
 * @param to the address it went to
 * @param content which content it carried
 * @param status where it is
 * @param claim the token of the delivery that holds the claim; a transition from {@code sending} must present it
 * @param claimedAt when the current claim was taken
 * @param leaseUntil until when the claim's invocation may still be running; a {@code sending} message found
 *                   after it belongs to an invocation that died
 * @param attempts how many claims were taken (more than one only after {@code retry})
 * @param provider the provider it went through
 * @param providerMessageId the provider's id, once sent
 * @param reason why it failed, was skipped or is unknown
 * @param sentAt when the provider accepted it
 * @param updatedAt when the record last changed
 * @param test true for a test send ({@code POST /v1/campaigns/{id}/test}), which no campaign counter includes
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageRecord(String messageId, String tenantId, String campaignId, String contactId, String to,
        MessageContent content, MessageStatus status, String claim, Instant claimedAt, Instant leaseUntil, int attempts,
        ProviderKind provider, String providerMessageId, String reason, Instant sentAt, Instant updatedAt, boolean test) {

    MessageRecord with(MessageStatus next, String nextClaim, String nextReason, Instant now) {
        return new MessageRecord(messageId, tenantId, campaignId, contactId, to, content, next, nextClaim, claimedAt, leaseUntil,
                attempts, provider, providerMessageId, nextReason, sentAt, now, test);
    }

    MessageRecord sent(String providerId, Instant now) {
        return new MessageRecord(messageId, tenantId, campaignId, contactId, to, content, MessageStatus.sent, claim, claimedAt,
                leaseUntil, attempts, provider, providerId, null, now, now, test);
    }

    MessageRecord reclaimed(String nextClaim, Instant now, Instant lease, MessageContent nextContent) {
        return new MessageRecord(messageId, tenantId, campaignId, contactId, to, nextContent, MessageStatus.sending, nextClaim, now,
                lease, attempts + 1, provider, null, null, null, now, test);
    }
}
