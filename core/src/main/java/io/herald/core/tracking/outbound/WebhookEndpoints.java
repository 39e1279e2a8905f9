package io.herald.core.tracking.outbound;

import io.herald.core.delivery.CredentialCipher;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import io.herald.core.store.Versioned;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * A tenant's webhook endpoints: created with a fresh secret shown once, changed, rotated, disabled by the worker
 * after repeated failure. Secrets are sealed with the same cipher as provider credentials, bound to tenant and
 * endpoint, and leave this class only as the {@link WebhookSecret}s that sign.
 */
@ApplicationScoped
public class WebhookEndpoints {

    private static final int MAX_DESCRIPTION = 200;
    private static final int MAX_CHANGE_ATTEMPTS = 20;

    private final Store store;
    private final CredentialCipher cipher;
    private final WebhookTargets targets;
    private final WebhookConfig config;
    private final Clock clock;

    public WebhookEndpoints(Store store, CredentialCipher cipher, WebhookTargets targets, WebhookConfig config, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
    }

    /** Creates the endpoint; the answer carries its secret, which is never shown again. */
    public WebhookEndpoint create(String tenantId, EndpointDraft draft) {
        if (draft == null) {
            throw HeraldException.invalid("a JSON object with url, eventTypes and description is required");
        }
        if (draft.enabled() != null) {
            throw HeraldException.invalid("enabled: a new endpoint is always enabled; use PATCH to disable it");
        }
        String url = targets.validate(draft.url());
        List<String> types = eventTypes(draft.eventTypes());
        String description = description(draft.description());
        if (store.query(Keys.webhookEndpoints(tenantId), Keys.webhookEndpointPrefix(), StoredEndpoint.class, config.maxEndpoints(), false).size()
                >= config.maxEndpoints()) {
            throw HeraldException.conflict("a tenant has at most " + config.maxEndpoints() + " webhook endpoints; delete one first");
        }
        Instant now = clock.instant();
        String id = newId(now);
        WebhookSecret secret = WebhookSecret.generate();
        StoredEndpoint stored = new StoredEndpoint(id, url, types, description, true, null, null, 0, now, now,
                seal(tenantId, id, secret), null, null);
        if (!store.putIfAbsent(Item.of(Keys.webhookEndpoints(tenantId), Keys.webhookEndpointSk(id), stored))) {
            throw new IllegalStateException("endpoint id collision");
        }
        return stored.shown(now, secret.reveal());
    }

    /** A page of the endpoints, newest first. */
    public Page<WebhookEndpoint> list(String tenantId, String cursor, int limit) {
        Instant now = clock.instant();
        Page<StoredEndpoint> page = store.page(Keys.webhookEndpoints(tenantId), KeyRange.prefix(Keys.webhookEndpointPrefix()),
                StoredEndpoint.class, cursor, limit, true);
        return new Page<>(page.items().stream().map(e -> e.shown(now, null)).toList(), page.next());
    }

    public WebhookEndpoint get(String tenantId, String endpointId) {
        return stored(tenantId, endpointId).map(e -> e.shown(clock.instant(), null)).orElseThrow(() -> notFound(endpointId));
    }

    /** The stored endpoint, for the worker. */
    public Optional<StoredEndpoint> stored(String tenantId, String endpointId) {
        if (!validId(endpointId)) {
            return Optional.empty();
        }
        return store.get(Keys.webhookEndpoints(tenantId), Keys.webhookEndpointSk(endpointId), StoredEndpoint.class);
    }

    /** Every enabled endpoint of the tenant, for the fan-out (a tenant has at most {@link WebhookConfig#maxEndpoints()}). */
    public List<StoredEndpoint> enabled(String tenantId) {
        return store.query(Keys.webhookEndpoints(tenantId), Keys.webhookEndpointPrefix(), StoredEndpoint.class, config.maxEndpoints() + 1, false)
                .stream().filter(StoredEndpoint::enabled).toList();
    }

    /** Changes the fields given; re-enabling a disabled endpoint clears its failure streak and its reason. */
    public WebhookEndpoint update(String tenantId, String endpointId, EndpointDraft change) {
        if (change == null) {
            throw HeraldException.invalid("a JSON object with the fields to change is required");
        }
        String url = change.url() == null ? null : targets.validate(change.url());
        List<String> types = change.eventTypes() == null ? null : eventTypes(change.eventTypes());
        String description = change.description() == null ? null : description(change.description());
        Instant now = clock.instant();
        StoredEndpoint changed = modify(tenantId, endpointId, current -> {
            StoredEndpoint next = current.with(url == null ? current.url() : url, types == null ? current.eventTypes() : types,
                    description == null ? current.description() : description, now);
            if (Boolean.TRUE.equals(change.enabled()) && !current.enabled()) {
                next = next.enabled(now);
            } else if (Boolean.FALSE.equals(change.enabled()) && current.enabled()) {
                next = next.disabled("disabled through the API", now);
            }
            return next;
        }).orElseThrow(() -> notFound(endpointId));
        return changed.shown(now, null);
    }

    /** Removes the endpoint and its delivery log; deliveries still queued for it are dropped when they come up. */
    public void delete(String tenantId, String endpointId) {
        if (stored(tenantId, endpointId).isEmpty()) {
            throw notFound(endpointId);
        }
        store.delete(Keys.webhookEndpoints(tenantId), Keys.webhookEndpointSk(endpointId));
        store.deleteAll(store.partition(Keys.webhookDeliveries(tenantId, endpointId)));
    }

    /**
     * A new secret, shown once in the answer; the replaced one keeps signing beside it for
     * {@link WebhookConfig#previousSecretLifetime()}, so receivers can switch without losing a webhook.
     */
    public WebhookEndpoint rotate(String tenantId, String endpointId) {
        Instant now = clock.instant();
        WebhookSecret secret = WebhookSecret.generate();
        String sealed = seal(tenantId, endpointId, secret);
        StoredEndpoint rotated = modify(tenantId, endpointId,
                current -> current.rotated(sealed, now.plus(config.previousSecretLifetime()), now))
                .orElseThrow(() -> notFound(endpointId));
        return rotated.shown(now, secret.reveal());
    }

    /** The secrets that sign an attempt now: the current one, and the previous one while it is still in its grace period. */
    public List<WebhookSecret> signingSecrets(String tenantId, StoredEndpoint endpoint, Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.add(open(tenantId, endpoint.id(), endpoint.sealedSecret()));
        if (endpoint.previousSealedSecret() != null && endpoint.previousSecretExpiresAt() != null && endpoint.previousSecretExpiresAt().isAfter(now)) {
            secrets.add(open(tenantId, endpoint.id(), endpoint.previousSealedSecret()));
        }
        return secrets;
    }

    /** A delivery succeeded: the failure streak starts again (written only when there was one). */
    public void recordDelivered(String tenantId, StoredEndpoint endpoint) {
        if (endpoint.failureStreak() > 0) {
            modify(tenantId, endpoint.id(), current -> current.streak(0));
        }
    }

    /**
     * A delivery failed every attempt: counts it, and disables the endpoint once
     * {@link WebhookConfig#disableAfterFailures()} deliveries in a row did. Answers the endpoint after the change.
     */
    public Optional<StoredEndpoint> recordFinalFailure(String tenantId, String endpointId, String lastError) {
        Instant now = clock.instant();
        return modify(tenantId, endpointId, current -> {
            StoredEndpoint counted = current.streak(current.failureStreak() + 1);
            if (counted.enabled() && counted.failureStreak() >= config.disableAfterFailures()) {
                return counted.disabled(counted.failureStreak() + " consecutive deliveries failed every attempt (last: " + lastError + ")", now);
            }
            return counted;
        });
    }

    /** Disables at once, as a 410 Gone asks. */
    public Optional<StoredEndpoint> disable(String tenantId, String endpointId, String reason) {
        Instant now = clock.instant();
        return modify(tenantId, endpointId, current -> current.enabled() ? current.disabled(reason, now) : current);
    }

    private Optional<StoredEndpoint> modify(String tenantId, String endpointId, UnaryOperator<StoredEndpoint> change) {
        if (!validId(endpointId)) {
            return Optional.empty();
        }
        String pk = Keys.webhookEndpoints(tenantId);
        String sk = Keys.webhookEndpointSk(endpointId);
        for (int attempt = 0; attempt < MAX_CHANGE_ATTEMPTS; attempt++) {
            Optional<Versioned<StoredEndpoint>> read = store.getVersioned(pk, sk, StoredEndpoint.class);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            StoredEndpoint next = change.apply(read.get().value());
            if (next.equals(read.get().value()) || store.replaceIfUnchanged(Item.of(pk, sk, next), read.get())) {
                return Optional.of(next);
            }
        }
        throw HeraldException.conflict("the endpoint is being changed concurrently; try again");
    }

    private String seal(String tenantId, String endpointId, WebhookSecret secret) {
        return cipher.seal(secret.reveal().getBytes(StandardCharsets.UTF_8), associatedData(tenantId, endpointId));
    }

    private WebhookSecret open(String tenantId, String endpointId, String sealed) {
        byte[] plain = cipher.open(sealed, associatedData(tenantId, endpointId)).orElseThrow(() -> new IllegalStateException(
                "the stored secret of webhook endpoint " + endpointId + " of tenant " + tenantId + " cannot be decrypted; rotate it"));
        return WebhookSecret.parse(new String(plain, StandardCharsets.UTF_8));
    }

    /** Binds a sealed secret to its endpoint: copied into another tenant's or endpoint's item, it does not open. */
    static String associatedData(String tenantId, String endpointId) {
        return "herald/webhook-endpoint/v1\u0000" + tenantId + "\u0000" + endpointId;
    }

    static List<String> eventTypes(List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || OutboundEventType.named(type).isEmpty()) {
                throw HeraldException.invalid("eventTypes: unknown type '" + type + "'; known: " + OutboundEventType.names());
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw HeraldException.invalid("description: at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    private static HeraldException notFound(String endpointId) {
        return HeraldException.notFound("webhook endpoint", endpointId);
    }

    /** Endpoint ids are Herald's own; anything else cannot name an endpoint (nor smuggle a '#' into a key). */
    private static boolean validId(String endpointId) {
        return endpointId != null && endpointId.matches("whep[0-9a-f]{19}");
    }

    /** Hex milliseconds first (fixed width), so ids, and with them the list, sort by creation time. */
    private static String newId(Instant now) {
        return String.format("whep%011x%08x", now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    }
}
