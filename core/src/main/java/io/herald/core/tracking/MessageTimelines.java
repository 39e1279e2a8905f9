package io.herald.core.tracking;

import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.Messages;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a message's timeline within one tenant: the message by Herald's id (gsi1, whose key starts with the tenant,
 * so another tenant's id finds nothing), its delivery status from its native attributes, and its stored events
 * from the partition it lives in (one query).
 */
@ApplicationScoped
public class MessageTimelines {

    /** Events in one answer, at most. */
    public static final int MAX_EVENTS = 1000;
    private static final int MAX_ID = 200;

    private final Messages messages;
    private final Store store;

    public MessageTimelines(Messages messages, Store store) {
        this.messages = messages;
        this.store = store;
    }

    public Optional<MessageTimeline> find(String tenantId, String messageId) {
        if (messageId == null || messageId.isBlank() || messageId.length() > MAX_ID) {
            return Optional.empty();
        }
        return messages.locateById(tenantId, messageId).filter(found -> tenantId.equals(found.record().tenantId())).map(found -> {
            MessageRecord record = found.record();
            List<StoredEvent> stored = store.query(found.key().pk(), Keys.trackEventPrefix(record.campaignId()), StoredEvent.class,
                    MAX_EVENTS + 1, false);
            List<MessageTimeline.Entry> events = stored.stream()
                    .filter(e -> e.attribution() != null && messageId.equals(e.attribution().messageId()))
                    .sorted(Comparator.comparing((StoredEvent e) -> e.event().occurredAt()).thenComparing(e -> e.event().eventId()))
                    .limit(MAX_EVENTS).map(MessageTimeline.Entry::of).toList();
            return new MessageTimeline(MessageTimeline.Message.of(record), DeliveryStatus.of(found.numbers()), events, stored.size() > MAX_EVENTS);
        });
    }
}
