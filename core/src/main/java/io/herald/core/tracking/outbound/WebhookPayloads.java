package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.support.Sha256;
import io.herald.core.tracking.Attribution;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.StoredEvent;
import io.herald.core.tracking.TrackedEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The body of an outbound webhook: {@code {type, timestamp, data}} as the Standard Webhooks spec recommends, with a
 * thin {@code data}: ids to look things up by (message, campaign, variant, contact), the classification, and what the
 * event type carries (link, bounce kind, value). The recipient's address is left out on purpose: the contact id names
 * the person for a receiver that has Herald's API, and an address in a webhook is one more copy of personal data in
 * the receiver's logs that an erasure in Herald cannot reach.
 */
@ApplicationScoped
public class WebhookPayloads {

    private final ObjectMapper json;

    public WebhookPayloads(ObjectMapper json) {
        this.json = json;
    }

    /** The stable Standard Webhooks id of a stored event: the same however often its delivery is retried or redelivered. */
    public static String webhookId(String tenantId, String eventId) {
        return "msg_" + Sha256.hexPrefix(tenantId + "\u0000" + eventId, 16);
    }

    public String body(StoredEvent stored) {
        TrackedEvent event = stored.event();
        ObjectNode root = json.createObjectNode();
        root.put("type", OutboundEventType.of(event.type()).wire());
        root.put("timestamp", event.occurredAt().toString());
        ObjectNode data = root.putObject("data");
        data.put("eventId", event.eventId());
        Attribution attribution = stored.attribution();
        if (attribution != null) {
            putIfPresent(data, "messageId", attribution.messageId());
            putIfPresent(data, "campaignId", attribution.campaignId());
            putIfPresent(data, "variant", attribution.variant());
            putIfPresent(data, "contactId", attribution.contactId());
            if (attribution.test()) {
                data.put("test", true);
            }
        } else if (event.message() != null) {
            putIfPresent(data, "messageId", event.message().messageId());
        }
        data.put("occurredAt", event.occurredAt().toString());
        if (event.message() != null && event.message().provider() != null) {
            data.put("provider", event.message().provider().name());
        }
        if (stored.classification() != null) {
            ObjectNode classification = data.putObject("classification");
            classification.put("audience", stored.classification().audience().name());
            classification.put("reason", stored.classification().reason());
        }
        EventDetail detail = event.detail();
        if (detail.bounce() != null) {
            data.put("bounce", detail.bounce().name());
        }
        putIfPresent(data, "url", detail.url());
        putIfPresent(data, "description", detail.description());
        if (detail.value() != null) {
            data.putObject("value").put("minor", detail.value().minor()).put("currency", detail.value().currency());
        }
        putIfPresent(data, "conversionKind", detail.conversionKind());
        return write(root);
    }

    /** The body of {@code POST /v1/webhook-endpoints/{id}/test}. */
    public String testBody(String endpointId, Instant now) {
        ObjectNode root = json.createObjectNode();
        root.put("type", OutboundEventType.TEST);
        root.put("timestamp", now.toString());
        root.putObject("data").put("endpointId", endpointId).put("note", "a test event sent on request; no message is behind it");
        return write(root);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
