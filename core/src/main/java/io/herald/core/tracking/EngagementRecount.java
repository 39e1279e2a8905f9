package io.herald.core.tracking;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recomputes engagement counters from stored events alone, the way the live path counts them: the same
 * {@link MetricDeltas}, with "unique" decided again from the events (a message's first event of each
 * {@link MetricDeltas#uniquenessKind kind} in the order the track worker applied them, as the live claim on the
 * message decided it) rather than trusted from the stored flag. Applied order, not occurrence order: when a later
 * open was applied first, the live counters counted it unique in its own hour, and a recount by occurrence would
 * move that unique count to an earlier hour, which a reconcile that leaves unsettled hours alone would then count
 * twice. Totals and hours therefore equal the live counters whenever nothing was lost.
 */
public final class EngagementRecount {

    /** The variant key of an event without a variant, as {@link EngagementCounters} writes it. */
    public static final String NO_VARIANT = "-";

    private static final Comparator<StoredEvent> APPLIED = Comparator
            .comparing((StoredEvent e) -> e.appliedAt() != null ? e.appliedAt() : e.event().occurredAt())
            .thenComparing(e -> e.event().occurredAt())
            .thenComparing(e -> e.event().eventId());

    private EngagementRecount() {
    }

    /** hour ({@code yyyyMMddHH}, UTC) -> variant -> counter -> value. */
    public static Map<String, Map<String, Map<String, Long>>> of(Collection<StoredEvent> events) {
        Map<String, Map<String, Map<String, Long>>> counters = new TreeMap<>();
        add(events, counters);
        return counters;
    }

    /**
     * Adds the recount of {@code events} to {@code counters}. All events of a message must be in one call (they are:
     * a message's events share a shard), since uniqueness is decided among them.
     *
     * @return how many events counted for something
     */
    public static int add(Collection<StoredEvent> events, Map<String, Map<String, Map<String, Long>>> counters) {
        List<StoredEvent> ordered = events.stream().filter(EngagementRecount::counts).sorted(APPLIED).toList();
        Set<String> seenKinds = new HashSet<>();
        Set<String> seenEvents = new HashSet<>();
        int counted = 0;
        for (StoredEvent stored : ordered) {
            String message = stored.attribution().messageId();
            if (!seenEvents.add(message + "|" + stored.event().eventId())) {
                continue; // the store keeps one item per (message, event id); a repeat here counts once all the same
            }
            boolean unique = seenKinds.add(message + "|" + MetricDeltas.uniquenessKind(stored));
            Map<String, Long> deltas = MetricDeltas.of(stored, unique);
            if (deltas.isEmpty()) {
                continue;
            }
            counted++;
            Map<String, Long> into = counters.computeIfAbsent(MetricDeltas.hour(stored), h -> new TreeMap<>())
                    .computeIfAbsent(variant(stored), v -> new TreeMap<>());
            deltas.forEach((counter, delta) -> into.merge(counter, delta, Long::sum));
        }
        return counted;
    }

    /** The counter item's variant key of an event. */
    public static String variant(StoredEvent stored) {
        String variant = stored.attribution().variant();
        return variant == null ? NO_VARIANT : variant;
    }

    private static boolean counts(StoredEvent stored) {
        return stored != null && stored.event() != null && stored.event().occurredAt() != null && stored.attribution() != null
                && !stored.attribution().test() && stored.attribution().messageId() != null;
    }
}
