package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.LocalTime;

/**
 * The local clock times at which a message may go out, in the recipient's zone: from {@code start} (inclusive) to
 * {@code end} (exclusive), whole minutes, crossing midnight when {@code end} is before {@code start}
 * ({@code 20:00}-{@code 02:00}). No window means any time of day.
 */
@RegisterForReflection
public record SendWindow(@JsonFormat(pattern = "HH:mm") LocalTime start, @JsonFormat(pattern = "HH:mm") LocalTime end) {

    public boolean contains(LocalTime time) {
        return DailyTimes.contains(start, end, time);
    }

    @Override
    public String toString() {
        return DailyTimes.format(start, end);
    }
}
