package io.herald.core.tracking;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One normalized event, as a receiver or first-party endpoint produced it and before it is applied.
 *
 * @param eventId the deduplication key: the provider's event id where it has one ({@code sg_event_id}, Mailgun's
 *                {@code id}, SES's {@code mail.messageId} + type + recipient...), else a hash of the event's
 *                content, prefixed by its source ({@code sendgrid:}, {@code mailgun:}, {@code sha256:}); the same
 *                event posted twice has the same id
 * @param type what happened
 * @param occurredAt when it happened, as the provider reported it (the receiving time where it reports none)
 * @param message which message it is about
 * @param evidence who caused it, for opens and clicks
 * @param detail what only some types carry
 */
@RegisterForReflection
public record TrackedEvent(String eventId, EventType type, Instant occurredAt, MessageRef message, Evidence evidence, EventDetail detail) {

    public TrackedEvent {
        evidence = evidence == null ? Evidence.none() : evidence;
        detail = detail == null ? EventDetail.none() : detail;
    }
}
