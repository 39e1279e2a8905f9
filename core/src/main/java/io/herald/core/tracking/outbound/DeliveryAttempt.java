package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One line of an endpoint's delivery log: one attempt, what the endpoint answered, and what happens next.
 *
 * @param statusCode the HTTP status answered, or null when there was no answer (timeout, refused, connection error)
 * @param latencyMs how long the attempt took, or null when none was made
 * @param error why it failed, or null
 * @param nextAttemptAt when the next attempt is due, for {@link Outcome#retrying}
 * @param outcome what this attempt settled
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryAttempt(String webhookId, String eventId, String type, int attempt, Instant attemptedAt,
        Integer statusCode, Long latencyMs, String error, Instant nextAttemptAt, Outcome outcome) {

    /** The state of the delivery after this attempt; every value but {@code retrying} is final. */
    public enum Outcome {
        /** Answered 2xx. */
        delivered,
        /** Failed; another attempt is scheduled. */
        retrying,
        /** Failed, and the schedule is over (or the endpoint answered 410 Gone, or the target was refused). */
        failed,
        /** Not attempted: the endpoint was disabled before the attempt was due. */
        abandoned
    }
}
