package io.herald.core.tracking;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one stored event adds to its campaign's engagement counters: the one rule that both the live counters and
 * the reconcile use, so that the two can only differ by what was lost, never by how it was counted. Delivery
 * outcomes and unsubscribes count once per message (the first of their kind); opens and clicks count every time,
 * and once more as unique; conversions count every time, with their value. Test sends count nowhere.
 */
public final class MetricDeltas {

    public static final String DELIVERED = "delivered";
    public static final String DEFERRED = "deferred";
    public static final String DROPPED = "dropped";
    public static final String BOUNCED_HARD = "bounced.hard";
    public static final String BOUNCED_SOFT = "bounced.soft";
    public static final String COMPLAINED = "complained";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String CONVERSIONS = "conversions";
    /** Followed by the currency: {@code revenue.EUR}, in minor units. */
    public static final String REVENUE_PREFIX = "revenue.";

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH").withZone(ZoneOffset.UTC);

    private MetricDeltas() {
    }

    /** {@code opens.total.human}, {@code clicks.unique.machine}... */
    public static String engagement(EventType type, boolean unique, Classification.Audience audience) {
        return (type == EventType.open ? "opens" : "clicks") + (unique ? ".unique." : ".total.") + audience.name();
    }

    /** The UTC hour an event counts in, as the counter items and the hourly series name it. */
    public static String hour(StoredEvent event) {
        return HOUR.format(event.event().occurredAt());
    }

    /**
     * The counter deltas of one event, given whether it is its message's first of its type and audience (the live
     * path passes {@link StoredEvent#unique()}, the reconcile its own recount).
     */
    public static Map<String, Long> of(StoredEvent stored, boolean unique) {
        Map<String, Long> deltas = new LinkedHashMap<>();
        if (stored.attribution() == null || stored.attribution().test()) {
            return deltas;
        }
        TrackedEvent event = stored.event();
        switch (event.type()) {
            case open, click -> {
                Classification.Audience audience = stored.classification().audience();
                deltas.put(engagement(event.type(), false, audience), 1L);
                if (unique) {
                    deltas.put(engagement(event.type(), true, audience), 1L);
                }
            }
            case conversion -> {
                deltas.put(CONVERSIONS, 1L);
                Money value = event.detail().value();
                if (value != null && value.minor() != 0) {
                    deltas.put(REVENUE_PREFIX + value.currency(), value.minor());
                }
            }
            case delivered -> once(deltas, unique, DELIVERED);
            case deferred -> once(deltas, unique, DEFERRED);
            case dropped -> once(deltas, unique, DROPPED);
            case bounce -> once(deltas, unique, event.detail().bounce() == Bounce.hard ? BOUNCED_HARD : BOUNCED_SOFT);
            case complaint -> once(deltas, unique, COMPLAINED);
            case unsubscribe -> once(deltas, unique, UNSUBSCRIBED);
        }
        return deltas;
    }

    /**
     * The key under which "first of its kind" is decided for a message: an open by a person and an open by a
     * machine are different kinds, a hard and a soft bounce too.
     */
    public static String uniquenessKind(StoredEvent stored) {
        TrackedEvent event = stored.event();
        return switch (event.type()) {
            case open, click -> event.type().name() + "." + stored.classification().audience().name();
            case bounce -> "bounce." + (event.detail().bounce() == null ? Bounce.soft : event.detail().bounce()).name();
            default -> event.type().name();
        };
    }

    private static void once(Map<String, Long> deltas, boolean unique, String counter) {
        if (unique) {
            deltas.put(counter, 1L);
        }
    }
}
