package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalTime;

/**
 * Local clock times at which nothing goes out, in the recipient's zone, usually across midnight
 * ({@code 21:00}-{@code 08:00}): from {@code start} (inclusive) to {@code end} (exclusive), whole minutes.
 */
@RegisterForReflection
public record QuietHours(@JsonFormat(pattern = "HH:mm") LocalTime start, @JsonFormat(pattern = "HH:mm") LocalTime end) {

    public boolean contains(LocalTime time) {
        return DailyTimes.contains(start, end, time);
    }

    @Override
    public String toString() {
        return DailyTimes.format(start, end);
    }
}
