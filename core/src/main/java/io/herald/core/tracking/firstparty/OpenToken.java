package io.herald.core.tracking.firstparty;

/** What a verified open-pixel token names: the message whose pixel was fetched. */
public record OpenToken(String tenantId, String messageId) {
}
