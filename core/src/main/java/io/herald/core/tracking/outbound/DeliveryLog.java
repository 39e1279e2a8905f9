package io.herald.core.tracking.outbound;

import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

/** Every attempt, one item each in the endpoint's log partition, kept for {@link WebhookConfig#logRetention()}. */
@ApplicationScoped
public class DeliveryLog {

    private final Store store;
    private final WebhookConfig config;

    public DeliveryLog(Store store, WebhookConfig config) {
        this.store = store;
        this.config = config;
    }

    public void record(String tenantId, String endpointId, DeliveryAttempt attempt) {
        store.put(Item.of(Keys.webhookDeliveries(tenantId, endpointId),
                        Keys.webhookAttemptSk(attempt.attemptedAt(), attempt.webhookId(), attempt.attempt()), attempt)
                .expiringAt(attempt.attemptedAt().plus(config.logRetention()).getEpochSecond()));
    }

    /** Newest first. */
    public Page<DeliveryAttempt> page(String tenantId, String endpointId, String cursor, int limit) {
        return store.page(Keys.webhookDeliveries(tenantId, endpointId), KeyRange.prefix(Keys.webhookAttemptPrefix()),
                DeliveryAttempt.class, cursor, limit, true);
    }
}
