package io.herald.core.tracking;

import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Page;
import io.herald.core.store.Store;
import io.herald.core.store.Update;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rebuilds a campaign's engagement counters (the {@code METRICS#} items) from its stored events: pages over the
 * campaign's {@value Keys#CAMPAIGN_SHARDS} event shards of the walk index, recounts them with
 * {@link EngagementRecount}, and replaces each settled (hour, variant)'s shard items with the exact values in
 * shard 0. Hours younger than {@link MetricsConfig#reconcileSettle()} are left to the live counters.
 */
@ApplicationScoped
public class MetricsReconciler {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private final Store store;
    private final Clock clock;
    private final MetricsConfig config;

    public MetricsReconciler(Store store, Clock clock, MetricsConfig config) {
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /**
     * What one engagement reconcile read and changed.
     *
     * @param eventsRead stored events read from the walk index
     * @param eventsCounted those that counted for something (not test sends, not repeats of a delivery outcome)
     * @param settledBefore hours from this one on were left to the live counters (UTC, {@code yyyyMMddHH})
     * @param itemsWritten counter items set to exact values
     * @param itemsDeleted counter items removed (other shards, hours with nothing left)
     * @param corrections every counter whose settled total changed: {before, after}
     */
    @RegisterForReflection
    public record Report(int eventsRead, int eventsCounted, String settledBefore, int itemsWritten, int itemsDeleted,
            Map<String, Correction> corrections) {
    }

    /** A counter's total over the rewritten hours, before and after. */
    @RegisterForReflection
    public record Correction(long before, long after) {
    }

    /** Reconciles without a time limit. */
    public Report reconcile(String tenantId, String campaignId) {
        return reconcile(tenantId, campaignId, null);
    }

    /**
     * Reconciles, refusing (409, before any write) once reading goes past {@code deadline} (null: no limit), so that
     * a synchronous caller never leaves its function's timeout to cut the work short.
     */
    public Report reconcile(String tenantId, String campaignId, Instant deadline) {
        Instant now = clock.instant();
        String settledBefore = HOUR.format(now.minus(config.reconcileSettle()).truncatedTo(ChronoUnit.HOURS));
        Map<String, Map<String, Map<String, Long>>> recount = new TreeMap<>();
        int read = 0;
        int counted = 0;
        for (int shard = 0; shard < Keys.CAMPAIGN_SHARDS; shard++) {
            List<StoredEvent> events = events(tenantId, campaignId, shard, deadline, read);
            read += events.size();
            counted += EngagementRecount.add(events, recount);
        }
        return replace(tenantId, campaignId, recount, settledBefore, read, counted);
    }

    /** Every stored event of one shard, page by page with the store's cursor. */
    private List<StoredEvent> events(String tenantId, String campaignId, int shard, Instant deadline, int readBefore) {
        List<StoredEvent> events = new ArrayList<>();
        String cursor = null;
        do {
            overBudget(campaignId, deadline, "events", readBefore + events.size());
            Page<StoredEvent> page = store.pageIndex(Keys.WALK, Keys.campaignEvents(tenantId, campaignId, shard), KeyRange.all(),
                    StoredEvent.class, cursor, config.reconcilePageSize(), false);
            events.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);
        return events;
    }

    /** Thrown while only reading: nothing has been written yet. */
    static void overBudget(String campaignId, Instant deadline, String what, int read) {
        if (deadline != null && Instant.now().isAfter(deadline)) {
            throw io.herald.core.errors.HeraldException.conflict("campaign '" + campaignId + "' has more stored " + what
                    + " than a synchronous reconcile reads in time (" + read + " read, nothing written); invoke the worker's reconcile function for it");
        }
    }

    /**
     * Makes the settled hours' items hold exactly the recount: per (hour, variant), shard 0 is set (counters it should
     * not have are removed) and the other shards are deleted; an (hour, variant) the recount does not know is deleted.
     */
    private Report replace(String tenantId, String campaignId, Map<String, Map<String, Map<String, Long>>> recount,
            String settledBefore, int read, int counted) {
        String pk = Keys.campaign(tenantId, campaignId);
        Map<String, Map<Integer, Map<String, Long>>> stored = new TreeMap<>();
        store.numbersBySortKey(pk, KeyRange.prefix(Keys.metricsPrefix())).forEach((sk, numbers) -> {
            CounterKey key = CounterKey.parse(sk);
            if (key != null) {
                stored.computeIfAbsent(key.hour() + "#" + key.variant(), k -> new TreeMap<>()).put(key.shard(), numbers);
            }
        });
        TreeSet<String> groups = new TreeSet<>(stored.keySet());
        recount.forEach((hour, variants) -> variants.keySet().forEach(variant -> groups.add(hour + "#" + variant)));
        Map<String, long[]> totals = new TreeMap<>();
        int written = 0;
        int deleted = 0;
        for (String group : groups) {
            String hour = group.substring(0, group.indexOf('#'));
            String variant = group.substring(group.indexOf('#') + 1);
            if (hour.compareTo(settledBefore) >= 0) {
                continue;
            }
            Map<String, Long> exact = recount.getOrDefault(hour, Map.of()).getOrDefault(variant, Map.of());
            Map<Integer, Map<String, Long>> shards = stored.getOrDefault(group, Map.of());
            shards.values().forEach(numbers -> numbers.forEach((c, v) -> totals.computeIfAbsent(c, k -> new long[2])[0] += v));
            exact.forEach((c, v) -> totals.computeIfAbsent(c, k -> new long[2])[1] += v);
            Map<String, Long> first = shards.getOrDefault(0, Map.of());
            Map<String, Long> wanted = new TreeMap<>(exact);
            wanted.values().removeIf(v -> v == 0);
            if (!wanted.isEmpty() && !new TreeMap<>(first).equals(wanted)) {
                Update update = Update.of();
                wanted.forEach(update::set);
                first.keySet().stream().filter(c -> !wanted.containsKey(c)).forEach(update::remove);
                store.update(pk, Keys.metricsSk(hour, variant, 0), update);
                written++;
            }
            for (Map.Entry<Integer, Map<String, Long>> shard : shards.entrySet()) {
                if (shard.getKey() != 0 || wanted.isEmpty()) {
                    store.delete(pk, Keys.metricsSk(hour, variant, shard.getKey()));
                    deleted++;
                }
            }
        }
        Map<String, Correction> corrections = new TreeMap<>();
        totals.forEach((counter, ba) -> {
            if (ba[0] != ba[1]) {
                corrections.put(counter, new Correction(ba[0], ba[1]));
            }
        });
        return new Report(read, counted, settledBefore, written, deleted, corrections);
    }

    /**
     * The parts of a {@code METRICS#<hour>#<variant>#<shard>} sort key (variant ids hold no '#').
     *
     * @param hour UTC, {@code yyyyMMddHH}
     * @param variant the variant id, or {@link EngagementRecount#NO_VARIANT}
     * @param shard the shard
     */
    public record CounterKey(String hour, String variant, int shard) {

        /** The parts, or null for a sort key that is not a counter item's. */
        public static CounterKey parse(String sk) {
            if (!sk.startsWith(Keys.metricsPrefix())) {
                return null;
            }
            String[] parts = sk.substring(Keys.metricsPrefix().length()).split("#", -1);
            if (parts.length != 3 || parts[0].length() != 10) {
                return null;
            }
            try {
                return new CounterKey(parts[0], parts[1], Integer.parseInt(parts[2]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
