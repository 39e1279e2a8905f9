package io.herald.core.campaign;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendTimePlannerTest {

    /** A recipient's zone and a planning moment close to one of that zone's offset changes, when it has any. */
    record Moment(ZoneId zone, Instant now) {
    }

    record Rules(Schedule schedule, SendWindow window, QuietHours quiet) {
        SendTimePlanner planner() {
            return new SendTimePlanner(schedule, window, quiet);
        }
    }

    @Property(tries = 1500)
    void theSendTimeIsTheFirstAllowedInstantNeverBeforeNowOrTheSchedule(@ForAll("moments") Moment moment, @ForAll("rules") Rules rules) {
        SendTimePlanner planner = rules.planner();
        Instant wanted = planner.scheduledFor(moment.zone(), moment.now());
        Instant earliest = wanted.isBefore(moment.now()) ? moment.now() : wanted;

        Instant sendAt = planner.sendTime(moment.zone().getId(), moment.now());

        assertThat(sendAt).isAfterOrEqualTo(moment.now()).isAfterOrEqualTo(wanted);
        LocalTime local = LocalTime.ofInstant(sendAt, moment.zone());
        if (rules.window() != null) {
            assertThat(rules.window().contains(local)).as("%s in window %s", local, rules.window()).isTrue();
        }
        if (rules.quiet() != null) {
            assertThat(rules.quiet().contains(local)).as("%s outside quiet hours %s", local, rules.quiet()).isFalse();
        }
        // Allowed-ness is constant within a clock minute, so no earlier allowed instant exists if none of these is allowed.
        for (Instant probe = earliest; probe.isBefore(sendAt); probe = probe.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1))) {
            assertThat(planner.allows(probe, moment.zone())).as("%s is allowed before %s", probe, sendAt).isFalse();
        }
    }

    @Property(tries = 800)
    void aLocalTimeThatExistsOnceAndIsAllowedIsKeptToTheMinute(@ForAll("moments") Moment moment, @ForAll @IntRange(min = 0, max = 1439) int minute,
            @ForAll @IntRange(min = 0, max = 2) int daysAhead) {
        LocalDate date = LocalDate.ofInstant(moment.now(), moment.zone()).plusDays(daysAhead);
        LocalTime time = LocalTime.of(minute / 60, minute % 60);
        SendTimePlanner planner = new SendTimePlanner(new Schedule(ScheduleType.localTime, null, date, time, "UTC"),
                new SendWindow(LocalTime.of(7, 0), LocalTime.of(22, 0)), new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0)));
        LocalDateTime local = date.atTime(time);
        Instant target = ZonedDateTime.of(local, moment.zone()).toInstant();
        boolean existsOnce = moment.zone().getRules().getValidOffsets(local).size() == 1;
        if (existsOnce && target.isAfter(moment.now()) && planner.allows(target, moment.zone())) {
            Instant sendAt = planner.sendTime(moment.zone().getId(), moment.now());
            assertThat(LocalDateTime.ofInstant(sendAt, moment.zone())).isEqualTo(local);
        }
    }

    @Property(tries = 500)
    void pacedSendsStayInTheirWindowsAndUnderTheRateInEverySixtySeconds(@ForAll("moments") Moment start, @ForAll("rules") Rules rules,
            @ForAll @Size(min = 1, max = 200) List<@net.jqwik.api.From("zones") ZoneId> recipients, @ForAll @IntRange(min = 1, max = 40) int perMinute) {
        SendTimePlanner planner = rules.planner();
        RatePacer pacer = new RatePacer(perMinute);
        List<Instant> planned = new ArrayList<>();
        for (ZoneId zone : recipients) {
            Instant sendAt = planner.sendTime(zone.getId(), start.now(), pacer);
            assertThat(sendAt).isAfterOrEqualTo(start.now());
            assertThat(planner.allows(sendAt, zone)).as("%s allowed in %s", sendAt, zone).isTrue();
            planned.add(sendAt);
        }
        RatePacerTest.assertNoSixtySecondsHoldMoreThan(planned, perMinute);
    }

    @Example
    void aLocalTimeInTheParisSpringGapMovesForwardByTheGap() {
        // 2026-03-29: Paris clocks jump from 02:00 to 03:00
        Instant sendAt = localTimePlanner(LocalDate.of(2026, 3, 29), LocalTime.of(2, 30), null)
                .sendTime("Europe/Paris", Instant.parse("2026-03-28T12:00:00Z"));
        assertThat(sendAt).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
    }

    @Example
    void aLocalTimeInTheParisAutumnOverlapGoesOutAtItsFirstOccurrenceOnly() {
        // 2026-10-25: Paris clocks go back from 03:00 to 02:00, so 02:30 happens twice
        Instant sendAt = localTimePlanner(LocalDate.of(2026, 10, 25), LocalTime.of(2, 30), null)
                .sendTime("Europe/Paris", Instant.parse("2026-10-24T12:00:00Z"));
        assertThat(sendAt).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 CEST, not 02:30 CET an hour later
    }

    @Example
    void aLocalTimeInTheNewYorkSpringGapMovesForwardByTheGap() {
        // 2026-03-08 (second Sunday of March): New York clocks jump from 02:00 to 03:00
        Instant sendAt = localTimePlanner(LocalDate.of(2026, 3, 8), LocalTime.of(2, 15), null)
                .sendTime("America/New_York", Instant.parse("2026-03-07T12:00:00Z"));
        assertThat(sendAt).isEqualTo(Instant.parse("2026-03-08T07:15:00Z")); // 03:15 EDT
    }

    @Example
    void eachRecipientGetsTheLocalTimeInTheirOwnZoneAndTheDefaultZoneStandsInForNone() {
        SendTimePlanner planner = localTimePlanner(LocalDate.of(2026, 6, 2), LocalTime.of(9, 0), null);
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        assertThat(planner.sendTime("Asia/Shanghai", now)).isEqualTo(Instant.parse("2026-06-02T01:00:00Z"));
        assertThat(planner.sendTime("America/Los_Angeles", now)).isEqualTo(Instant.parse("2026-06-02T16:00:00Z"));
        assertThat(planner.sendTime(null, now)).isEqualTo(Instant.parse("2026-06-02T07:00:00Z")); // default Europe/Berlin
        assertThat(planner.sendTime("Mars/Olympus", now)).isEqualTo(Instant.parse("2026-06-02T07:00:00Z"));
    }

    @Example
    void aRecipientWhoseLocalTimeHasPassedGoesAtTheNextAllowedInstant() {
        SendTimePlanner planner = localTimePlanner(LocalDate.of(2026, 6, 2), LocalTime.of(9, 0), new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        // 22:30 in Shanghai on June 2nd: 09:00 is long gone and it is quiet until 08:00 the next morning
        Instant now = Instant.parse("2026-06-02T14:30:00Z");
        assertThat(planner.sendTime("Asia/Shanghai", now)).isEqualTo(Instant.parse("2026-06-03T00:00:00Z"));
        // 16:30 in Paris: 09:00 has passed there too, and now is allowed
        assertThat(planner.sendTime("Europe/Paris", now)).isEqualTo(now);
    }

    @Example
    void quietHoursAcrossMidnightHoldASendUntilMorning() {
        SendTimePlanner planner = new SendTimePlanner(new Schedule(ScheduleType.now, null, null, null, "Europe/London"),
                null, new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
        assertThat(planner.sendTime("Europe/London", Instant.parse("2026-01-10T23:10:00Z"))).isEqualTo(Instant.parse("2026-01-11T08:00:00Z"));
        assertThat(planner.sendTime("Europe/London", Instant.parse("2026-01-10T20:59:59Z"))).isEqualTo(Instant.parse("2026-01-10T20:59:59Z"));
    }

    @Example
    void aWindowThatTheQuietHoursCoverIsRefused() {
        assertThatThrownBy(() -> new SendTimePlanner(Schedule.now(), new SendWindow(LocalTime.of(22, 0), LocalTime.of(23, 0)),
                new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)))).isInstanceOf(IllegalArgumentException.class);
    }

    private static SendTimePlanner localTimePlanner(LocalDate date, LocalTime time, QuietHours quiet) {
        return new SendTimePlanner(new Schedule(ScheduleType.localTime, null, date, time, "Europe/Berlin"), null, quiet);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds()).map(ZoneId::of);
    }

    /** Instants within 36 hours of a zone's offset change in 2026-2032, so that DST gaps and overlaps are hit often. */
    @Provide
    Arbitrary<Moment> moments() {
        Arbitrary<Instant> base = Arbitraries.longs().between(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2032-01-01T00:00:00Z").getEpochSecond()).map(Instant::ofEpochSecond);
        Arbitrary<Long> aroundSeconds = Arbitraries.longs().between(-36 * 3600, 36 * 3600);
        Arbitrary<Integer> nanos = Arbitraries.integers().between(0, 999_999_999);
        return Combinators.combine(zones(), base, aroundSeconds, nanos).as((zone, instant, around, nano) -> {
            ZoneOffsetTransition change = zone.getRules().nextTransition(instant);
            Instant anchor = change == null ? instant : change.getInstant();
            return new Moment(zone, anchor.plusSeconds(around).plusNanos(nano));
        });
    }

    @Provide
    Arbitrary<Rules> rules() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 1439).map(m -> LocalTime.of(m / 60, m % 60));
        Arbitrary<SendWindow> windows = Combinators.combine(times, times).as(SendWindow::new)
                .filter(w -> !w.start().equals(w.end())).injectNull(0.3);
        Arbitrary<QuietHours> quiet = Combinators.combine(times, times).as(QuietHours::new)
                .filter(q -> !q.start().equals(q.end())).injectNull(0.3);
        Arbitrary<Schedule> schedules = Arbitraries.oneOf(
                Arbitraries.just(Schedule.now()),
                Arbitraries.longs().between(-3 * 86_400, 3 * 86_400).map(s -> new Schedule(ScheduleType.at,
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(s), null, null, "UTC")),
                Combinators.combine(Arbitraries.integers().between(0, 6 * 365 + 1), times).as((day, time) -> new Schedule(ScheduleType.localTime,
                        null, LocalDate.of(2026, 1, 1).plusDays(day), time, "UTC")));
        return Combinators.combine(schedules, windows, quiet).as(Rules::new)
                .filter(r -> !SendTimePlanner.allowedMinutes(r.window(), r.quiet()).isEmpty());
    }
}
