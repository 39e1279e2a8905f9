package io.herald.core.campaign;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RatePacerTest {

    private static final Instant BASE = Instant.parse("2026-05-04T10:00:00Z");

    /** Sorted, send i and send i+limit are at least 60 s apart: no span [t, t+60 s) holds more than limit sends. */
    static void assertNoSixtySecondsHoldMoreThan(List<Instant> sends, int limit) {
        List<Instant> sorted = new ArrayList<>(sends);
        sorted.sort(null);
        for (int i = 0; i + limit < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i), sorted.get(i + limit)))
                    .as("%d sends between %s and %s", limit + 1, sorted.get(i), sorted.get(i + limit))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    @Property(tries = 1000)
    void noSixtySecondSpanEverHoldsMoreThanTheLimit(@ForAll("wanted") List<Instant> wanted, @ForAll @IntRange(min = 1, max = 60) int perMinute) {
        RatePacer pacer = new RatePacer(perMinute);
        List<Instant> slots = new ArrayList<>();
        for (Instant instant : wanted) {
            Instant slot = pacer.reserve(instant);
            assertThat(slot).isAfterOrEqualTo(instant);
            slots.add(slot);
        }
        assertNoSixtySecondsHoldMoreThan(slots, perMinute);
    }

    @Property
    void sendsWantingOneInstantGoOutAtTheFullRate(@ForAll @IntRange(min = 1, max = 500) int sends, @ForAll @IntRange(min = 1, max = 100) int perMinute) {
        RatePacer pacer = new RatePacer(perMinute);
        Instant last = BASE;
        for (int i = 0; i < sends; i++) {
            last = pacer.reserve(BASE);
        }
        long minutesNeeded = (sends + perMinute - 1) / perMinute;
        assertThat(Duration.between(BASE, last)).isLessThan(Duration.ofMinutes(minutesNeeded));
    }

    @Property
    void aLoneSendWaitsLessThanOneSlot(@ForAll("wanted") List<Instant> wanted, @ForAll @IntRange(min = 1, max = 1000) int perMinute) {
        Instant slot = new RatePacer(perMinute).reserve(wanted.get(0));
        assertThat(Duration.between(wanted.get(0), slot)).isLessThan(Duration.ofNanos(60_000_000_000L / perMinute + 1));
    }

    @Property
    void aRestoredPacerContinuesWhereTheStoredOneStopped(@ForAll("wanted") List<Instant> first, @ForAll("wanted") List<Instant> second,
            @ForAll @IntRange(min = 1, max = 30) int perMinute) {
        RatePacer running = new RatePacer(perMinute);
        first.forEach(running::reserve);
        RatePacer restored = RatePacer.restore(perMinute, running.usage());
        for (Instant instant : second) {
            assertThat(restored.reserve(instant)).isEqualTo(running.reserve(instant));
        }
    }

    @Example
    void sendsWantedInDifferentMinutesDoNotDelayEachOther() {
        RatePacer pacer = new RatePacer(2);
        pacer.reserve(BASE.plusSeconds(3600));
        pacer.reserve(BASE.plusSeconds(3600));
        assertThat(pacer.reserve(BASE)).isEqualTo(BASE);
        assertThat(pacer.reserve(BASE)).isEqualTo(BASE.plusSeconds(30));
        assertThat(pacer.reserve(BASE)).isEqualTo(BASE.plusSeconds(60));
    }

    /** Up to 300 instants within 10 minutes, in any order, at any nanosecond. */
    @Provide
    Arbitrary<List<Instant>> wanted() {
        return Arbitraries.longs().between(0, 600_000_000_000L).map(BASE::plusNanos).list().ofMinSize(1).ofMaxSize(300);
    }
}
