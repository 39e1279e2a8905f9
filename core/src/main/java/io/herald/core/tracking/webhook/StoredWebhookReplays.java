package io.herald.core.tracking.webhook;

import io.herald.core.delivery.ProviderKind;
import io.herald.core.store.Item;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Webhook replay marks in DynamoDB: a put-if-absent per tenant, provider and token, expiring by TTL once the token's
 * timestamp is too old to pass anyway (local emulators ignore the TTL, which the freshness window makes harmless).
 */
@ApplicationScoped
public class StoredWebhookReplays implements WebhookReplays {

    /** What a replay mark holds: the hash of the content its token vouched for, and when it was first seen. */
    @RegisterForReflection
    public record ReplayMark(String contentSha256, Instant firstSeen) {
    }

    private final Store store;

    public StoredWebhookReplays(Store store) {
        this.store = store;
    }

    @Override
    public Use claim(String tenantId, ProviderKind provider, String token, String contentSha256, Instant receivedAt, Instant expiresAt) {
        String pk = Keys.webhookReplay(tenantId, provider.name(), Webhooks.sha256Hex(token));
        Item mark = Item.of(pk, Keys.WEBHOOK_REPLAY_SK, new ReplayMark(contentSha256, receivedAt)).expiringAt(expiresAt.getEpochSecond());
        if (store.putIfAbsent(mark)) {
            return Use.FIRST;
        }
        return store.get(pk, Keys.WEBHOOK_REPLAY_SK, ReplayMark.class)
                .filter(seen -> contentSha256.equals(seen.contentSha256()))
                .map(seen -> Use.REPEAT)
                .orElse(Use.CONFLICT);
    }
}
