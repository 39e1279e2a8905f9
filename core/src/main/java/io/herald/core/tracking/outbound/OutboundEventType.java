package io.herald.core.tracking.outbound;

import io.herald.core.tracking.EventType;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code type} of an outbound webhook, as a tenant subscribes to it: dotted, grouped by what the event is about
 * (the Standard Webhooks convention), one for each of Herald's normalized {@link EventType}s.
 */
public enum OutboundEventType {
    MESSAGE_DELIVERED("message.delivered", EventType.delivered),
    MESSAGE_DEFERRED("message.deferred", EventType.deferred),
    MESSAGE_DROPPED("message.dropped", EventType.dropped),
    MESSAGE_BOUNCED("message.bounced", EventType.bounce),
    MESSAGE_COMPLAINED("message.complained", EventType.complaint),
    MESSAGE_OPENED("message.opened", EventType.open),
    MESSAGE_CLICKED("message.clicked", EventType.click),
    CONTACT_UNSUBSCRIBED("contact.unsubscribed", EventType.unsubscribe),
    CONVERSION_RECORDED("conversion.recorded", EventType.conversion);

    /** The type of {@code POST /v1/webhook-endpoints/{id}/test}: sent whatever the subscription, never subscribable. */
    public static final String TEST = "webhook.test";

    private final String wire;
    private final EventType source;

    OutboundEventType(String wire, EventType source) {
        this.wire = wire;
        this.source = source;
    }

    public String wire() {
        return wire;
    }

    public static OutboundEventType of(EventType type) {
        for (OutboundEventType candidate : values()) {
            if (candidate.source == type) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no outbound type for " + type);
    }

    public static Optional<OutboundEventType> named(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** The names, for error messages and the API document. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(OutboundEventType::wire).toList());
    }
}
