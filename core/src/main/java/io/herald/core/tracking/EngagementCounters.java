package io.herald.core.tracking;

import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The live engagement counters of campaigns: native numbers added with {@code UpdateItem ADD}, one item per campaign,
 * UTC hour, variant and shard ({@link Keys#metricsSk}). A batch of events costs one write per (campaign, hour,
 * variant) it touches, on a random shard so that a hot campaign spreads its writes. They are caches: the
 * reconcile recomputes them from the stored events with the same {@link MetricDeltas}.
 */
@ApplicationScoped
public class EngagementCounters {

    /** Shards per (campaign, hour, variant): fixed for the life of a table, or reads would miss some. */
    public static final int SHARDS = 4;

    private final Store store;

    public EngagementCounters(Store store) {
        this.store = store;
    }

    /** Adds what the newly stored events count for; events of test sends and events that count nothing add nothing. */
    public void add(List<StoredEvent> applied) {
        Map<List<String>, Map<String, Long>> sums = new HashMap<>();
        for (StoredEvent stored : applied) {
            Map<String, Long> deltas = MetricDeltas.of(stored, stored.unique());
            if (deltas.isEmpty()) {
                continue;
            }
            Attribution to = stored.attribution();
            List<String> item = List.of(to.tenantId(), to.campaignId(), MetricDeltas.hour(stored), to.variant() == null ? "-" : to.variant());
            deltas.forEach((counter, delta) -> sums.computeIfAbsent(item, key -> new HashMap<>()).merge(counter, delta, Long::sum));
        }
        sums.forEach((item, deltas) -> store.add(Keys.campaign(item.get(0), item.get(1)),
                Keys.metricsSk(item.get(2), item.get(3), ThreadLocalRandom.current().nextInt(SHARDS)), deltas));
    }
}
