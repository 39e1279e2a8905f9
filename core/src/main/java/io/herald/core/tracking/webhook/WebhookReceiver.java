package io.herald.core.tracking.webhook;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.herald.core.tenant.TenantIds;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Receives one provider webhook for one tenant: finds the provider's {@link ProviderWebhook} and the tenant's
 * secrets, lets it verify and parse the raw bytes, and queues the events for the track worker. Every refusal is
 * a 4xx; only an unavailable queue (worth a retry) is a 503.
 */
@ApplicationScoped
public class WebhookReceiver {

    private static final Logger LOG = Logger.getLogger(WebhookReceiver.class);

    private final Map<ProviderKind, ProviderWebhook> webhooks = new EnumMap<>(ProviderKind.class);
    private final ProviderAccounts accounts;
    private final TrackQueue queue;
    private final Clock clock;

    public WebhookReceiver(Instance<ProviderWebhook> webhooks, ProviderAccounts accounts, TrackQueue queue, Clock clock) {
        webhooks.forEach(webhook -> this.webhooks.put(webhook.kind(), webhook));
        this.accounts = accounts;
        this.queue = queue;
        this.clock = clock;
    }

    public WebhookReceipt receive(String provider, String tenantId, Map<String, String> headers, byte[] body) {
        Instant now = clock.instant();
        ProviderWebhook webhook = Optional.ofNullable(kind(provider)).map(webhooks::get).orElseThrow(() -> new HeraldException(
                HeraldException.Kind.NOT_FOUND, "Not found", "no webhook receiver for '" + provider + "'; use one of " + webhooks.keySet()));
        ProviderCredentials account = account(tenantId, webhook.kind());
        WebhookOutcome outcome = webhook.receive(new WebhookRequest(tenantId, headers, body, now), account);
        outcome.ignored().forEach(line -> LOG.infof("%s webhook for tenant %s: ignored %s", webhook.kind(), tenantId, line));
        try {
            queue.enqueue(new TrackJob(tenantId, webhook.kind().name(), now, outcome.events()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot queue %d %s events of tenant %s", outcome.events().size(), webhook.kind(), tenantId);
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Unavailable", "the events cannot be queued now; retry later");
        }
        return new WebhookReceipt(outcome.events().size(), outcome.ignored().size(), outcome.note());
    }

    private ProviderCredentials account(String tenantId, ProviderKind kind) {
        HeraldException none = new HeraldException(HeraldException.Kind.NOT_FOUND, "Not found",
                "this tenant has no " + kind + " account; add one with PUT /v1/providers/" + kind);
        if (!TenantIds.isValid(tenantId)) {
            throw none;
        }
        try {
            return accounts.credentials(tenantId, kind).orElseThrow(() -> none);
        } catch (DeliveryException undecryptable) {
            LOG.errorf("the %s account of tenant %s cannot be decrypted: its webhooks are refused", kind, tenantId);
            throw WebhookRejected.unauthenticated("the receiver's secrets are not readable; the tenant must write its " + kind + " account again");
        }
    }

    private static ProviderKind kind(String name) {
        for (ProviderKind kind : ProviderKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
