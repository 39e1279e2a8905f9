package io.herald.core.campaign.sending;

import io.herald.core.store.Item;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Recipients waiting for their minute, by due minute in the campaign's partition ({@code PLANNED#<minute>#<part>}):
 * one item per (minute, audience page), so planning far ahead costs a fraction of a write per recipient.
 */
@ApplicationScoped
public class PlannedRecipients {

    private final Store store;

    public PlannedRecipients(Store store) {
        this.store = store;
    }

    /** Idempotent: a replayed page writes the same key with the same recipients. */
    public void put(String tenantId, String campaignId, PlannedBatch batch) {
        store.put(Item.of(Keys.campaign(tenantId, campaignId), Keys.plannedSk(batch.epochMinute(), batch.part()), batch));
    }

    /** A recipient the send step found paused: sent again, re-paced, once the campaign runs. */
    public void park(String tenantId, String campaignId, String contactId, String timezone, Instant now) {
        long minute = now.getEpochSecond() / 60;
        put(tenantId, campaignId, new PlannedBatch(minute, "parked-" + contactId,
                List.of(new PlannedBatch.Recipient(contactId, now, timezone))));
    }

    /** The batches due at or before {@code upTo}, oldest first. */
    public List<PlannedBatch> dueBy(String tenantId, String campaignId, Instant upTo, int limit) {
        return store.page(Keys.campaign(tenantId, campaignId),
                KeyRange.between(Keys.plannedPrefix(), Keys.plannedSk(upTo.getEpochSecond() / 60, "\uffff")),
                PlannedBatch.class, null, limit, false).items();
    }

    /** The earliest batch still waiting, if any. */
    public java.util.Optional<PlannedBatch> first(String tenantId, String campaignId) {
        return store.page(Keys.campaign(tenantId, campaignId), KeyRange.prefix(Keys.plannedPrefix()), PlannedBatch.class, null, 1, false)
                .items().stream().findFirst();
    }

    public void remove(String tenantId, String campaignId, PlannedBatch batch) {
        store.delete(Keys.campaign(tenantId, campaignId), Keys.plannedSk(batch.epochMinute(), batch.part()));
    }
}
