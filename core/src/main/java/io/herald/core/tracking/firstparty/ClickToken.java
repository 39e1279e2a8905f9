package io.herald.core.tracking.firstparty;

import java.time.Instant;

/**
 * What a verified click token names: the one URL the redirect may go to, and which link of which message it was.
 *
 * @param url the exact target URL that was signed
 * @param linkIndex the link's position among the message's tracked links, from 0
 * @param linkCount how many tracked links the message has
 * @param issuedAt when the token was signed (the send), to the second
 */
public record ClickToken(String tenantId, String messageId, String url, int linkIndex, int linkCount, Instant issuedAt) {
}
