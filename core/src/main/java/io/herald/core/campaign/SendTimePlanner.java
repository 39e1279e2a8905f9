package io.herald.core.campaign;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.BitSet;

/**
 * The send instant of one recipient: the first instant, no earlier than {@code now} and the schedule's start for the
 * recipient, whose local time (in the recipient's zone, or the campaign's default zone) lies inside the send window
 * and outside the quiet hours.
 *
 * <p>DST rules: a local schedule time that does not exist on that date (a spring-forward gap) moves forward by the
 * length of the gap (02:30 in a 02:00-03:00 gap becomes 03:30), as {@link ZonedDateTime#of} does; a local time that
 * occurs twice (a fall-back overlap) means its first occurrence, so a recipient gets the message once, at the earlier
 * instant. Windows and quiet hours are judged on the local clock time of the actual instant, so an instant inside a
 * repeated hour is allowed or not like any other instant showing that clock time.
 */
public final class SendTimePlanner {

    /** A day always holds allowed minutes (validated), and a zone changes offset at most twice in a few days. */
    private static final int SEARCH_DAYS = 4;
    private static final int MAX_PACING_ROUNDS = 100_000;

    private final Schedule schedule;
    private final ZoneId defaultZone;
    private final BitSet allowedMinutes;

    public SendTimePlanner(Schedule schedule, SendWindow window, QuietHours quietHours) {
        this.schedule = schedule;
        this.defaultZone = ZoneId.of(schedule.defaultZone() == null ? Schedule.UTC : schedule.defaultZone());
        this.allowedMinutes = allowedMinutes(window, quietHours);
        if (allowedMinutes.isEmpty()) {
            throw new IllegalArgumentException("the send window minus the quiet hours leaves no minute of the day");
        }
    }

    /** The minutes of a day at which a message may go out; empty when the quiet hours cover the whole window. */
    static BitSet allowedMinutes(SendWindow window, QuietHours quietHours) {
        BitSet allowed = new BitSet(DailyTimes.MINUTES_PER_DAY);
        for (int minute = 0; minute < DailyTimes.MINUTES_PER_DAY; minute++) {
            LocalTime time = LocalTime.of(minute / 60, minute % 60);
            if ((window == null || window.contains(time)) && (quietHours == null || !quietHours.contains(time))) {
                allowed.set(minute);
            }
        }
        return allowed;
    }

    /** The recipient's zone when it is a valid IANA zone, else the campaign's default zone. */
    public ZoneId zoneOf(String timezone) {
        if (timezone == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException unknown) {
            return defaultZone;
        }
    }

    /** Whether a message may go out at this instant to someone in this zone. */
    public boolean allows(Instant instant, ZoneId zone) {
        return allowedMinutes.get(DailyTimes.minuteOfDay(LocalTime.ofInstant(instant, zone)));
    }

    /** When the schedule wants the recipient's message, before the window and quiet hours are applied. */
    public Instant scheduledFor(ZoneId zone, Instant now) {
        return switch (schedule.type()) {
            case now -> now;
            case at -> schedule.at();
            // ZonedDateTime.of moves a time in a gap forward by the gap and takes the earlier offset in an overlap.
            case localTime -> ZonedDateTime.of(schedule.date(), schedule.time(), zone).toInstant();
        };
    }

    /** The recipient's send instant: never before {@code now}, inside the window, outside the quiet hours. */
    public Instant sendTime(String timezone, Instant now) {
        ZoneId zone = zoneOf(timezone);
        Instant wanted = scheduledFor(zone, now);
        return nextAllowed(wanted.isBefore(now) ? now : wanted, zone);
    }

    /**
     * The recipient's send instant with a slot taken from the pacer: when the rate limit pushes a send out of the
     * window or into the quiet hours, it moves on to the next allowed instant with a free slot.
     */
    public Instant sendTime(String timezone, Instant now, RatePacer pacer) {
        ZoneId zone = zoneOf(timezone);
        Instant candidate = sendTime(timezone, now);
        for (int round = 0; round < MAX_PACING_ROUNDS; round++) {
            Instant slot = pacer.peek(candidate);
            if (allows(slot, zone)) {
                return pacer.reserve(slot);
            }
            candidate = nextAllowed(slot, zone);
        }
        throw new IllegalStateException("no free slot within the send window after " + MAX_PACING_ROUNDS + " attempts");
    }

    /**
     * The first allowed instant at or after {@code from}. The local clock enters an allowed span either by reaching
     * its first minute or by a DST jump, so those are the only candidates besides {@code from} itself.
     */
    Instant nextAllowed(Instant from, ZoneId zone) {
        if (allows(from, zone)) {
            return from;
        }
        ZoneRules rules = zone.getRules();
        Instant best = null;
        java.time.LocalDate firstDay = LocalDateTime.ofInstant(from, zone).toLocalDate();
        for (int day = 0; day < SEARCH_DAYS; day++) {
            for (int minute = allowedMinutes.nextSetBit(0); minute >= 0; minute = allowedMinutes.nextSetBit(minute + 1)) {
                if (minute != 0 && allowedMinutes.get(minute - 1)) {
                    continue; // inside a span, not its start
                }
                LocalDateTime local = firstDay.plusDays(day).atTime(minute / 60, minute % 60);
                for (ZoneOffset offset : rules.getValidOffsets(local)) {
                    best = earlier(best, candidate(local.toInstant(offset), from, zone));
                }
            }
        }
        Instant limit = from.plus(java.time.Duration.ofDays(SEARCH_DAYS));
        for (ZoneOffsetTransition jump = rules.nextTransition(from); jump != null && jump.getInstant().isBefore(limit);
                jump = rules.nextTransition(jump.getInstant())) {
            best = earlier(best, candidate(jump.getInstant(), from, zone));
        }
        if (best == null) {
            throw new IllegalStateException("no allowed instant within " + SEARCH_DAYS + " days of " + from + " in " + zone);
        }
        return best;
    }

    private Instant candidate(Instant instant, Instant from, ZoneId zone) {
        return instant.isAfter(from) && allows(instant, zone) ? instant : null;
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
