package io.herald.api.webhook;

import io.herald.core.tracking.outbound.EndpointDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The fields of an endpoint to change; absent ones stay. */
@RegisterForReflection
@Schema(name = "WebhookEndpointPatch", description = "The fields to change; absent fields stay as they are")
public record EndpointPatch(
        @Schema(maxLength = 2048, examples = "https://hooks.acme.example/herald/v2") String url,
        @Schema(description = "Types to receive; empty for all", examples = "[\"message.bounced\"]") List<String> eventTypes,
        @Schema(maxLength = 200) String description,
        @Schema(description = "false pauses deliveries; true resumes them and clears the failure streak and the disabled reason",
                examples = "true") Boolean enabled) {

    EndpointDraft toDraft() {
        return new EndpointDraft(url, eventTypes, description, enabled);
    }
}
