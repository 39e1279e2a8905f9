package io.herald.core.delivery;

import io.herald.core.store.Found;
import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.store.Update;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The message records and the exactly-once-intent protocol over them: claim, act, record (README, "Exactly-once intent").
 * Every transition is one conditional write on the message item, so two deliveries of the same job can never both
 * reach the provider, and a message whose fate is unclear is {@code unknown}, never sent again.
 */
@ApplicationScoped
public class Messages {

    /** Native attributes the conditions test. */
    static final String STATUS = "status";
    static final String CLAIM = "claim";
    private static final String INDEX_SK = "MSG";

    private final Store store;
    private final Clock clock;

    public Messages(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The outcome of trying to claim a message. */
    public sealed interface Claim {
        /** This delivery holds the claim and may call the provider. */
        record Granted(MessageRecord record) implements Claim {
        }

        /** Another delivery holds it, or it is settled: acknowledge the job and do nothing. */
        record Taken(MessageStatus status) implements Claim {
        }

        /** A dead invocation's claim, now recorded as {@code unknown}: count it, never send it. */
        record Abandoned(MessageRecord record) implements Claim {
        }
    }

    /**
     * Claims the message with a fresh {@code sending} record (its {@code claim} token and lease set). Write 1 of 2
     * of a sent message; the reads below happen only on a redelivery.
     */
    public Claim claim(MessageKey key, MessageRecord fresh) {
        if (store.putIfAbsent(item(key, fresh))) {
            return new Claim.Granted(fresh);
        }
        Optional<MessageRecord> existing = find(key);
        if (existing.isEmpty()) {
            // erased between the two calls: one more try, no loop
            return store.putIfAbsent(item(key, fresh)) ? new Claim.Granted(fresh) : new Claim.Taken(MessageStatus.sending);
        }
        MessageRecord held = existing.get();
        Instant now = clock.instant();
        if (held.status() == MessageStatus.retry) {
            MessageRecord again = held.reclaimed(fresh.claim(), now, fresh.leaseUntil(), fresh.content());
            return transition(key, held, again) ? new Claim.Granted(again) : new Claim.Taken(MessageStatus.sending);
        }
        if (held.status() == MessageStatus.sending && held.leaseUntil() != null && now.isAfter(held.leaseUntil())) {
            MessageRecord unknown = held.with(MessageStatus.unknown, held.claim(),
                    "the invocation that claimed it ended between the claim and the record; not sent again", now);
            return transition(key, held, unknown) ? new Claim.Abandoned(unknown) : new Claim.Taken(MessageStatus.unknown);
        }
        return new Claim.Taken(held.status());
    }

    /** Records a recipient skipped by rule, once: answers false when the job was already settled. */
    public boolean skip(MessageKey key, MessageRecord skipped) {
        return store.putIfAbsent(item(key, skipped));
    }

    /** Write 2 of 2: the provider accepted it; indexes it under the provider's id for webhooks. */
    public boolean markSent(MessageKey key, MessageRecord claimed, SendReceipt receipt) {
        MessageRecord sent = claimed.sent(receipt.providerMessageId(), clock.instant());
        Update update = settle(claimed, sent);
        if (receipt.providerMessageId() != null) {
            update.set(Keys.GSI2_PK, Keys.messageByProviderId(claimed.tenantId(), receipt.provider().name(), receipt.providerMessageId()))
                    .set(Keys.GSI2_SK, INDEX_SK);
        }
        return store.update(key.pk(), key.sk(), update).isPresent();
    }

    public boolean markFailed(MessageKey key, MessageRecord claimed, String reason) {
        return transition(key, claimed, claimed.with(MessageStatus.failed, claimed.claim(), reason, clock.instant()));
    }

    /** The provider was surely not reached: the next delivery of the job may claim it again. */
    public boolean markRetry(MessageKey key, MessageRecord claimed, String reason) {
        return transition(key, claimed, claimed.with(MessageStatus.retry, claimed.claim(), reason, clock.instant()));
    }

    public boolean markUnknown(MessageKey key, MessageRecord claimed, String reason) {
        return transition(key, claimed, claimed.with(MessageStatus.unknown, claimed.claim(), reason, clock.instant()));
    }

    public Optional<MessageRecord> find(MessageKey key) {
        return store.get(key.pk(), key.sk(), MessageRecord.class);
    }

    /** The message with Herald's id, within the tenant (gsi1). */
    public Optional<MessageRecord> byMessageId(String tenantId, String messageId) {
        return store.pageIndex(Keys.GSI1, Keys.messageById(tenantId, messageId), KeyRange.all(), MessageRecord.class, null, 1, false)
                .items().stream().findFirst();
    }

    /** The message with the provider's id, within the tenant (gsi2): what a provider webhook names. */
    public Optional<MessageRecord> byProviderId(String tenantId, ProviderKind provider, String providerMessageId) {
        return store.pageIndex(Keys.GSI2, Keys.messageByProviderId(tenantId, provider.name(), providerMessageId), KeyRange.all(),
                MessageRecord.class, null, 1, false).items().stream().findFirst();
    }

    /**
     * A message as the track worker finds it: where it is stored (to change it with one conditional write) and the
     * native attributes tracking keeps on it beside the send protocol's {@code status}.
     */
    public record Located(MessageKey key, MessageRecord record, Map<String, String> strings, Map<String, Long> numbers) {
    }

    /** The message with Herald's id, within the tenant (gsi1), with its key and native attributes. */
    public Optional<Located> locateById(String tenantId, String messageId) {
        return store.firstInIndex(Keys.GSI1, Keys.messageById(tenantId, messageId), MessageRecord.class).map(Messages::located);
    }

    /** The message with the provider's id, within the tenant (gsi2), with its key and native attributes. */
    public Optional<Located> locateByProviderId(String tenantId, ProviderKind provider, String providerMessageId) {
        return store.firstInIndex(Keys.GSI2, Keys.messageByProviderId(tenantId, provider.name(), providerMessageId), MessageRecord.class)
                .map(Messages::located);
    }

    private static Located located(Found<MessageRecord> found) {
        return new Located(new MessageKey(found.pk(), found.sk()), found.doc(), found.strings(), found.numbers());
    }

    private boolean transition(MessageKey key, MessageRecord from, MessageRecord to) {
        return store.update(key.pk(), key.sk(), settle(from, to)).isPresent();
    }

    /** Replaces the record only while it is still in the state, under the claim, that this delivery read. */
    private static Update settle(MessageRecord from, MessageRecord to) {
        return Update.of().doc(to).set(STATUS, to.status().name()).set(CLAIM, to.claim())
                .ifEquals(STATUS, from.status().name()).ifEquals(CLAIM, from.claim());
    }

    /**
     * A campaign message also goes into its campaign's shard of the walk index (same put, no extra request), so that
     * the reconcile can list a campaign's messages; test sends count nowhere and stay out of it.
     */
    private static Item item(MessageKey key, MessageRecord record) {
        Item item = Item.of(key.pk(), key.sk(), record)
                .withIndex(Keys.messageById(record.tenantId(), record.messageId()), INDEX_SK)
                .withAttribute(STATUS, record.status().name())
                .withAttribute(CLAIM, record.claim());
        if (record.test() || record.campaignId() == null) {
            return item;
        }
        return item.withAttribute(Keys.WALK_PK, Keys.campaignMessages(record.tenantId(), record.campaignId(), Keys.campaignShard(record.messageId())))
                .withAttribute(Keys.WALK_SK, record.messageId());
    }

    /** One page of a campaign's message records in one shard of the walk index ({@link Keys#campaignMessages}). */
    public io.herald.core.store.Page<MessageRecord> campaignPage(String tenantId, String campaignId, int shard, String cursor, int limit) {
        return store.pageIndex(Keys.WALK, Keys.campaignMessages(tenantId, campaignId, shard), KeyRange.all(), MessageRecord.class, cursor, limit, false);
    }
}
