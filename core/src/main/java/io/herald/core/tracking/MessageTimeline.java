package io.herald.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.ProviderKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One message's story for {@code GET /v1/messages/{id}}: what made it and how it was sent, where it is now, and
 * every event applied to it in time order with its classification and the reason.
 *
 * @param message the message record (without the send protocol's internal claim)
 * @param delivery where it is after the send
 * @param events its stored events, oldest first
 * @param truncated true when the message has more stored events than one answer holds
 */
@RegisterForReflection
public record MessageTimeline(Message message, DeliveryStatus delivery, List<Entry> events, boolean truncated) {

    /**
     * The message record as the API shows it.
     *
     * @param status the send protocol's state ({@code sent}, {@code skipped}, {@code failed}...)
     * @param reason why it failed, was skipped or is unknown
     * @param content the variant, the stored content and the prompt (name, version, hash) that made it
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String messageId, String campaignId, String contactId, String to, boolean test, MessageStatus status,
            String reason, ProviderKind provider, String providerMessageId, MessageContent content, int attempts, Instant sentAt,
            Instant updatedAt) {

        static Message of(MessageRecord record) {
            return new Message(record.messageId(), record.campaignId(), record.contactId(), record.to(), record.test(), record.status(),
                    record.reason(), record.provider(), record.providerMessageId(), record.content(), record.attempts(), record.sentAt(),
                    record.updatedAt());
        }
    }

    /**
     * One applied event.
     *
     * @param audience who caused it, as classified when it was applied
     * @param reason why it was classified so
     * @param unique whether it was the message's first event of its kind (type and audience)
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String eventId, EventType type, Instant occurredAt, Classification.Audience audience, String reason, boolean unique,
            EventDetail detail, Evidence evidence, Instant appliedAt) {

        static Entry of(StoredEvent stored) {
            TrackedEvent event = stored.event();
            Classification classification = stored.classification() == null ? Classification.human() : stored.classification();
            return new Entry(event.eventId(), event.type(), event.occurredAt(), classification.audience(), classification.reason(),
                    stored.unique(), event.detail(), event.evidence(), stored.appliedAt());
        }
    }
}
