package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * When a campaign's messages go out.
 *
 * @param type {@code now} (as soon as it is scheduled), {@code at} (one instant for everyone) or {@code localTime}
 *             (the same local date and time of day in each recipient's zone)
 * @param at the instant, for {@code at}
 * @param date the local date, for {@code localTime}
 * @param time the local time of day (whole minutes), for {@code localTime}
 * @param defaultZone the IANA zone of recipients without a valid one of their own, also used for their send window
 *                    and quiet hours (default {@code UTC})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(ScheduleType type, Instant at, LocalDate date, @JsonFormat(pattern = "HH:mm") LocalTime time, String defaultZone) {

    public static final String UTC = "UTC";

    public static Schedule now() {
        return new Schedule(ScheduleType.now, null, null, null, UTC);
    }
}
