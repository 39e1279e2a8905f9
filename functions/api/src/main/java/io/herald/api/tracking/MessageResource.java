package io.herald.api.tracking;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.MessageTimeline;
import io.herald.core.tracking.MessageTimelines;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A message's status timeline: the record that says what made it, its delivery status and every applied event. */
@Path("/v1/messages")
@Tag(name = "Messages", description = "One message's record, delivery status and tracked events, in time order")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    static final String EXAMPLE = "{\"message\":{\"messageId\":\"3f1c9a2e-7d4b-4e0a-9b61-2c5d8e7f1a90\",\"campaignId\":\"01JD8Z6Q9V3K2M\","
            + "\"contactId\":\"cust-1001\",\"to\":\"li.wei@example.com\",\"test\":false,\"status\":\"sent\",\"provider\":\"sendgrid\","
            + "\"providerMessageId\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0\",\"content\":{\"variant\":\"B\","
            + "\"contentId\":\"cc-01JD8Z6Q9V3K2M-B\",\"group\":\"zh-CN\",\"source\":\"llm\",\"promptName\":\"builtin.email\",\"promptVersion\":3,"
            + "\"promptHash\":\"9f2c41d0\"},\"attempts\":1,\"sentAt\":\"2026-12-01T08:00:01Z\",\"updatedAt\":\"2026-12-01T08:00:01Z\"},"
            + "\"delivery\":{\"status\":\"delivered\",\"at\":\"2026-12-01T08:00:03Z\",\"firstOpenAt\":\"2026-12-01T08:00:05Z\","
            + "\"firstHumanOpenAt\":\"2026-12-01T09:12:40Z\",\"firstClickAt\":\"2026-12-01T09:13:02Z\",\"firstHumanClickAt\":\"2026-12-01T09:13:02Z\"},"
            + "\"events\":[{\"eventId\":\"sendgrid:ZGVsaXZlcmVkLTAtMjQ\",\"type\":\"delivered\",\"occurredAt\":\"2026-12-01T08:00:03Z\","
            + "\"audience\":\"human\",\"reason\":\"no machine signal\",\"unique\":true,\"detail\":{\"description\":\"250 2.0.0 OK\"},"
            + "\"evidence\":{},\"appliedAt\":\"2026-12-01T08:00:04Z\"},{\"eventId\":\"sendgrid:b3Blbi0xLTI0\",\"type\":\"open\","
            + "\"occurredAt\":\"2026-12-01T08:00:05Z\",\"audience\":\"machine\",\"reason\":\"provider flag sg_machine_open\",\"unique\":true,"
            + "\"detail\":{},\"evidence\":{\"userAgent\":\"Mozilla/5.0\",\"providerFlag\":\"sg_machine_open\"},\"appliedAt\":\"2026-12-01T08:00:06Z\"},"
            + "{\"eventId\":\"open:sha256:5e8c\",\"type\":\"open\",\"occurredAt\":\"2026-12-01T09:12:40Z\",\"audience\":\"human\","
            + "\"reason\":\"no machine signal\",\"unique\":true,\"detail\":{},\"evidence\":{\"userAgent\":\"Mozilla/5.0 (iPhone)\",\"method\":\"GET\"},"
            + "\"appliedAt\":\"2026-12-01T09:12:41Z\"},{\"eventId\":\"click:sha256:77aa\",\"type\":\"click\",\"occurredAt\":\"2026-12-01T09:13:02Z\","
            + "\"audience\":\"human\",\"reason\":\"no machine signal\",\"unique\":true,\"detail\":{\"url\":\"https://shop.example.com/spring\"},"
            + "\"evidence\":{\"userAgent\":\"Mozilla/5.0 (iPhone)\",\"method\":\"GET\"},\"appliedAt\":\"2026-12-01T09:13:03Z\"}],\"truncated\":false}";

    private final MessageTimelines timelines;
    private final CurrentTenant tenant;

    public MessageResource(MessageTimelines timelines, CurrentTenant tenant) {
        this.timelines = timelines;
        this.tenant = tenant;
    }

    @GET
    @Path("/{messageId}")
    @Operation(operationId = "getMessage", summary = "A message's record, delivery status and tracked events",
            description = "The message (status of the send, provider, variant, content and the prompt version that wrote it), its delivery "
                    + "status (the delivery event that happened last: delivered, deferred, bounced, complained, dropped; pending before any) "
                    + "with its first open and click times, and every event applied to it oldest first, each with its classification "
                    + "(human or machine) and the reason. At most " + MessageTimelines.MAX_EVENTS + " events; truncated says when there are more.")
    @APIResponse(responseCode = "200", description = "The timeline", content = @Content(schema = @Schema(implementation = MessageTimeline.class),
            examples = @ExampleObject(name = "delivered, opened, clicked", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No message with this id in the caller's tenant (another tenant's message is not found either)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(
                    name = "unknown", value = "{\"type\":\"urn:herald:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                    + "\"detail\":\"message '3f1c9a2e-7d4b-4e0a-9b61-2c5d8e7f1a90' does not exist\",\"instance\":\"/v1/messages/3f1c9a2e-7d4b-4e0a-9b61-2c5d8e7f1a90\"}")))
    public MessageTimeline get(@Parameter(description = "Herald's message id (the herald-message-id every provider carries)")
            @PathParam("messageId") String messageId) {
        return timelines.find(tenant.id(), messageId).orElseThrow(() -> HeraldException.notFound("message", messageId));
    }
}
