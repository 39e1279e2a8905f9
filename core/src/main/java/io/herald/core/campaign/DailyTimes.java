package io.herald.core.campaign;

import java.time.LocalTime;

/**
 * A span of local clock time, from {@code start} (inclusive) to {@code end} (exclusive), that crosses midnight
 * when {@code end} is before {@code start}. Times are whole minutes, so a minute of the day is either in or out.
 */
final class DailyTimes {

    static final int MINUTES_PER_DAY = 24 * 60;

    private DailyTimes() {
    }

    static int minuteOfDay(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }

    static boolean contains(LocalTime start, LocalTime end, LocalTime time) {
        int s = minuteOfDay(start);
        int e = minuteOfDay(end);
        int t = minuteOfDay(time);
        return s <= e ? t >= s && t < e : t >= s || t < e;
    }

    static boolean isWholeMinute(LocalTime time) {
        return time.getSecond() == 0 && time.getNano() == 0;
    }

    static String format(LocalTime start, LocalTime end) {
        return start + "-" + end;
    }
}
