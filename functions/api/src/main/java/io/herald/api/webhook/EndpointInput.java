package io.herald.api.webhook;

import io.herald.core.tracking.outbound.EndpointDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A new webhook endpoint. */
@RegisterForReflection
@Schema(name = "WebhookEndpointInput", description = "A new webhook endpoint; its signing secret is generated and shown once")
public record EndpointInput(
        @Schema(required = true, maxLength = 2048, description = "https URL Herald POSTs to (no credentials in it)",
                examples = "https://hooks.acme.example/herald") String url,
        @Schema(description = "Types to receive; empty or absent for all: " + WebhookEndpointResource.TYPES,
                examples = "[\"message.bounced\",\"message.clicked\"]") List<String> eventTypes,
        @Schema(maxLength = 200, examples = "CRM sync") String description) {

    EndpointDraft toDraft() {
        return new EndpointDraft(url, eventTypes, description, null);
    }
}
