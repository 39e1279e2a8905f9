package io.herald.core.tracking;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconcile's recount against the live path: for random event lists (duplicates, human and machine opens and
 * clicks, both bounce kinds, conversions in two currencies, test sends, several variants and hours) applied in a random
 * order the way the track worker applies them (store once, unique = first of its kind so far, add
 * {@link MetricDeltas}), the recount from the stored events alone gives the same totals per variant, and the same
 * counters per hour too when the events were applied in the order they happened.
 */
class EngagementRecountPropertyTest {

    private static final Instant START = Instant.parse("2030-06-14T07:00:00Z");
    private static final List<String> VARIANTS = List.of("A", "B", "C");

    /** Message 5 is a test send: all its events are test events, as a message is a test or not. */
    private static final int TEST_MESSAGE = 5;

    /** One generated event before it is applied; a duplicate is the same spec twice. */
    record Spec(int message, EventType type, boolean machine, Bounce bounce, int minute, boolean euros, long value, boolean test) {
    }

    @Provide
    Arbitrary<List<Spec>> events() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.of(EventType.class),
                Arbitraries.of(true, false), Arbitraries.of(Bounce.class), Arbitraries.integers().between(0, 4 * 60),
                Arbitraries.of(true, false), Arbitraries.longs().between(0, 50_000))
                .as((m, type, machine, bounce, minute, euros, value) -> new Spec(m, type, machine, bounce, minute, euros, value, m == TEST_MESSAGE));
        return spec.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void theRecountEqualsTheLiveCountersPerHourAndVariantWhateverTheOrder(@ForAll("events") List<Spec> specs,
            @ForAll @Size(max = 20) List<Integer> duplicates, @ForAll long seed) {
        List<StoredEvent> arriving = withDuplicates(specs, duplicates);
        Collections.shuffle(arriving, new Random(seed));
        Applied live = applyLive(arriving);
        Map<String, Map<String, Map<String, Long>>> recount = EngagementRecount.of(reversed(live.stored));
        // every hour, not only the sums: a reconcile rewrites settled hours only, so an hour must never gain what another loses
        assertThat(recount).isEqualTo(live.counters);
        assertThat(perVariant(recount)).isEqualTo(perVariant(live.counters));
    }

    @Property(tries = 300)
    void inTheOrderTheyHappenedEveryHourMatchesToo(@ForAll("events") List<Spec> specs, @ForAll @Size(max = 20) List<Integer> duplicates) {
        List<StoredEvent> arriving = withDuplicates(specs, duplicates);
        arriving.sort(Comparator.comparing((StoredEvent e) -> e.event().occurredAt()).thenComparing(e -> e.event().eventId()));
        Applied live = applyLive(arriving);
        assertThat(EngagementRecount.of(reversed(live.stored))).isEqualTo(live.counters);
    }

    @Property(tries = 100)
    void testSendsCountNowhere(@ForAll("events") List<Spec> specs) {
        List<StoredEvent> tests = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            tests.add(event(i, new Spec(s.message, s.type, s.machine, s.bounce, s.minute, s.euros, s.value, true)));
        }
        assertThat(EngagementRecount.of(tests)).isEmpty();
    }

    private record Applied(List<StoredEvent> stored, Map<String, Map<String, Map<String, Long>>> counters) {
    }

    /** The track worker's rule: the first copy of an event id is stored, unique if first of its kind so far, and counted. */
    private static Applied applyLive(List<StoredEvent> arriving) {
        Set<String> stored = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        List<StoredEvent> kept = new ArrayList<>();
        Map<String, Map<String, Map<String, Long>>> counters = new TreeMap<>();
        int order = 0;
        for (StoredEvent e : arriving) {
            String message = e.attribution().messageId();
            if (!stored.add(message + "|" + e.event().eventId())) {
                continue;
            }
            boolean unique = kinds.add(message + "|" + MetricDeltas.uniquenessKind(e));
            // stamped as the worker stamps it: when it was applied, in arrival order, whatever its occurrence time
            StoredEvent applied = new StoredEvent(e.event(), e.attribution(), e.classification(), unique, java.time.Instant.parse("2026-06-02T12:00:00Z").plusMillis(order++));
            kept.add(applied);
            Map<String, Long> deltas = MetricDeltas.of(applied, applied.unique());
            if (!deltas.isEmpty()) {
                Map<String, Long> into = counters.computeIfAbsent(MetricDeltas.hour(applied), h -> new TreeMap<>())
                        .computeIfAbsent(EngagementRecount.variant(applied), v -> new TreeMap<>());
                deltas.forEach((c, d) -> into.merge(c, d, Long::sum));
            }
        }
        return new Applied(kept, counters);
    }

    private static Map<String, Map<String, Long>> perVariant(Map<String, Map<String, Map<String, Long>>> byHour) {
        Map<String, Map<String, Long>> sums = new TreeMap<>();
        byHour.values().forEach(variants -> variants.forEach((variant, counters) ->
                counters.forEach((c, v) -> sums.computeIfAbsent(variant, k -> new TreeMap<>()).merge(c, v, Long::sum))));
        return sums;
    }

    private static List<StoredEvent> withDuplicates(List<Spec> specs, List<Integer> duplicates) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            events.add(event(i, specs.get(i)));
        }
        if (!specs.isEmpty()) {
            for (int d : duplicates) {
                int i = Math.floorMod(d, specs.size());
                events.add(event(i, specs.get(i)));
            }
        }
        return events;
    }

    private static List<StoredEvent> reversed(List<StoredEvent> events) {
        List<StoredEvent> copy = new ArrayList<>(events);
        Collections.reverse(copy);
        return copy;
    }

    static StoredEvent event(int index, Spec s) {
        String messageId = "m" + s.message;
        Money value = s.type == EventType.conversion ? new Money(s.value, s.euros ? "EUR" : "JPY") : null;
        EventDetail detail = new EventDetail(s.type == EventType.bounce ? s.bounce : null, s.type == EventType.click ? "https://shop.example/x" : null,
                null, null, value, null);
        TrackedEvent event = new TrackedEvent("sha256:e" + index, s.type, START.plusSeconds(s.minute * 60L), new MessageRef(messageId, "t", null, null, null),
                null, detail);
        Attribution to = new Attribution("t", "cmp1", VARIANTS.get(s.message % VARIANTS.size()), messageId, "c" + s.message, s.test);
        Classification classification = s.machine ? Classification.machine("test") : Classification.human();
        return new StoredEvent(event, to, classification, false, START);
    }
}
