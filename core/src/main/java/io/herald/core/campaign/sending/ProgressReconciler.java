package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignStatus;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;

/**
 * Recounts a campaign's message-derived progress counters (sent, failed.*, suppressed, skipped.*, unknown and their
 * per-variant counters) from its message records, listed through the campaign's shards of the walk index, and
 * writes them back once the campaign is completed or cancelled (while it sends, live ADDs would race the rewrite).
 */
@ApplicationScoped
public class ProgressReconciler {

    private final Messages messages;
    private final CampaignProgress progress;
    public ProgressReconciler(Messages messages, CampaignProgress progress) {
        this.messages = messages;
        this.progress = progress;
    }

    /**
     * What one progress reconcile found and did.
     *
     * @param messagesRead message records read
     * @param inFlight records still {@code sending} or {@code retry}, which count nowhere yet
     * @param applied true if the counters now hold the recount (the campaign is completed or cancelled); false while
     *                it can still send, when the recount is only reported
     * @param itemsChanged progress shard items changed
     * @param corrections every message-derived counter whose value differs from the recount: {before, after}
     */
    @RegisterForReflection
    public record Report(int messagesRead, int inFlight, boolean applied, int itemsChanged, Map<String, Correction> corrections) {
    }

    /** A counter's value before and after. */
    @RegisterForReflection
    public record Correction(long before, long after) {
    }

    /**
     * Recounts from the records, {@code pageSize} at a time, and rewrites the counters if the campaign is over; past
     * {@code deadline} (null: none) it refuses with a 409 before writing.
     */
    public Report reconcile(Campaign campaign, int pageSize, java.time.Instant deadline) {
        Map<String, Long> recount = new TreeMap<>();
        int read = 0;
        int inFlight = 0;
        for (int shard = 0; shard < Keys.CAMPAIGN_SHARDS; shard++) {
            String cursor = null;
            do {
                if (deadline != null && java.time.Instant.now().isAfter(deadline)) {
                    throw io.herald.core.errors.HeraldException.conflict("campaign '" + campaign.id() + "' has more message records than a "
                            + "synchronous reconcile reads in time (" + read + " read, progress unchanged); invoke the worker's reconcile function for it");
                }
                Page<MessageRecord> page = messages.campaignPage(campaign.tenantId(), campaign.id(), shard, cursor, pageSize);
                for (MessageRecord record : page.items()) {
                    if (!campaign.id().equals(record.campaignId())) {
                        continue;
                    }
                    read++;
                    if (record.status() == MessageStatus.sending || record.status() == MessageStatus.retry) {
                        inFlight++;
                    }
                    SendOutcomes.add(recount, record);
                }
                cursor = page.next();
            } while (cursor != null);
        }
        Map<String, Long> live = new TreeMap<>(progress.totals(campaign.tenantId(), campaign.id()));
        live.keySet().removeIf(counter -> !SendOutcomes.isMessageCounter(counter));
        Map<String, Correction> corrections = new TreeMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>(live.keySet());
        names.addAll(recount.keySet());
        for (String counter : names) {
            long before = live.getOrDefault(counter, 0L);
            long after = recount.getOrDefault(counter, 0L);
            if (before != after) {
                corrections.put(counter, new Correction(before, after));
            }
        }
        boolean settled = campaign.status() == CampaignStatus.completed || campaign.status() == CampaignStatus.cancelled;
        int changed = settled && !corrections.isEmpty()
                ? progress.replace(campaign.tenantId(), campaign.id(), SendOutcomes::isMessageCounter, recount) : 0;
        return new Report(read, inFlight, settled, changed, corrections);
    }
}
