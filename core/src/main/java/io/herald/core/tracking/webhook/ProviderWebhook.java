package io.herald.core.tracking.webhook;

import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;

/**
 * One provider's webhook: verifies a request over its raw bytes with the tenant's own secrets, then parses it into
 * Herald's events. One implementation per provider (SendGrid ECDSA, Mailgun HMAC, Postmark Basic auth, SES through
 * SNS signatures), found by {@link #kind()}. Pure code over bytes: it stores nothing but its replay marks, and the
 * receiver enqueues what it answers.
 */
public interface ProviderWebhook {

    ProviderKind kind();

    /**
     * Verifies, then parses. Throws {@link WebhookRejected} for a request that fails verification or is not this
     * provider's payload; never throws anything else for any body.
     *
     * @param request the request as it arrived
     * @param account the tenant's settings for this provider, secrets included (its webhook secrets among them)
     */
    WebhookOutcome receive(WebhookRequest request, ProviderCredentials account);
}
