package io.herald.core.tracking.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How strictly the provider webhook receivers judge time (SendGrid and Mailgun sign a timestamp; Postmark signs nothing). */
@ConfigMapping(prefix = "herald.provider-webhooks")
public interface ProviderWebhookConfig {

    /**
     * How far a signed webhook timestamp may be from Herald's clock, either way (HERALD_PROVIDER_WEBHOOKS_FRESHNESS);
     * Mailgun tokens are remembered this long past their timestamp. Raise it if a provider's retries keep their first
     * timestamp: SendGrid events are deduplicated by their event id anyway.
     */
    @WithDefault("PT10M")
    Duration freshness();
}
