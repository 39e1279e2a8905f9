package io.herald.api.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.EventDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@RegisterForReflection
@Schema(name = "EventInput", description = "Something a contact did")
public record EventInput(
        @Schema(description = "Idempotency id: an event posted twice with the same id and time is stored once", examples = "evt-77") String id,
        @Schema(required = true, examples = "cust-1001") String contactId,
        @Schema(required = true, examples = "viewed_product") String type,
        @Schema(description = "When it happened (defaults to when Herald received it)", examples = "2026-11-27T09:30:00Z") Instant time,
        @Schema(description = "Details, a JSON object of at most 8 KiB", examples = "{\"sku\":\"TEA-42\",\"name\":\"Longjing green tea\"}") ObjectNode properties) {

    public EventDraft toDraft() {
        return new EventDraft(id, contactId, type, time, properties);
    }
}
