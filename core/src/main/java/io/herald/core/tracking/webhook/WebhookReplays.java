package io.herald.core.tracking.webhook;

import io.herald.core.delivery.ProviderKind;

import java.time.Instant;

/**
 * Remembers the one-time tokens of signed webhooks (Mailgun's {@code token}), so that a captured request cannot be
 * played again with other content. A repeat of the same content is not a threat (its events carry the same ids and
 * count once) and is what a provider's retry after a failed answer looks like, so it is told apart.
 */
public interface WebhookReplays {

    /** What a token's use turned out to be. */
    enum Use {
        /** Never seen: remembered now. */
        FIRST,
        /** Seen before with the same content: a retry or a harmless repeat. */
        REPEAT,
        /** Seen before with other content: a replay to refuse. */
        CONFLICT
    }

    /**
     * Marks the token as used if it is not yet, in one conditional write.
     *
     * @param contentSha256 a hash of what the token vouched for, to tell a repeat from a replay
     * @param expiresAt when the mark may go (the token's timestamp has left the freshness window by then)
     */
    Use claim(String tenantId, ProviderKind provider, String token, String contentSha256, Instant receivedAt, Instant expiresAt);
}
