package io.herald.api.event;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.contact.BatchResult;
import io.herald.core.contact.EventService;
import io.herald.core.errors.HeraldException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/v1/events")
@Tag(name = "Events", description = "Behaviour events; the latest ones of a contact are available to prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EventResource {

    private final EventService events;
    private final CurrentTenant tenant;

    public EventResource(EventService events, CurrentTenant tenant) {
        this.events = events;
        this.tenant = tenant;
    }

    @POST
    @Operation(operationId = "recordEvents", summary = "Record up to 1,000 events")
    @APIResponse(responseCode = "200", description = "A result per event: created, duplicate or rejected (with the reason)")
    public BatchResult record(EventBatch batch) {
        if (batch == null || batch.events() == null) {
            throw HeraldException.invalid("events: required, an array of 1 to 1,000 events");
        }
        return BatchResult.of(events.record(tenant.id(), batch.events().stream().map(e -> e == null ? null : e.toDraft()).toList()));
    }

    @RegisterForReflection
    @Schema(name = "EventBatch")
    public record EventBatch(@Schema(required = true, maxItems = 1000) List<EventInput> events) {
    }
}
