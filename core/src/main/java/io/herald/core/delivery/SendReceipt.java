package io.herald.core.delivery;

/**
 * What a provider answered when it accepted a message.
 *
 * @param provider which provider accepted it
 * @param providerMessageId the provider's own id for the message (for webhook look-ups), or null when it gives none
 */
public record SendReceipt(ProviderKind provider, String providerMessageId) {
}
