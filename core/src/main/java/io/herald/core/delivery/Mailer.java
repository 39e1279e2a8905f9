package io.herald.core.delivery;

/**
 * The seam between Herald and an email provider: one implementation per {@link ProviderKind}, each a CDI bean in
 * the providers module. An implementation sends exactly one message per call, puts Herald's message id where the
 * provider echoes it back in webhooks, and classifies every failure as a {@link DeliveryException}.
 */
public interface Mailer {

    ProviderKind kind();

    /**
     * Sends one message.
     *
     * @throws DeliveryException whenever the provider did not accept it, with the reason classified
     */
    SendReceipt send(OutboundEmail email, ProviderCredentials credentials);
}
