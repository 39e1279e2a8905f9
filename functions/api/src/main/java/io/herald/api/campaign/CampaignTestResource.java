package io.herald.api.campaign;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.core.campaign.sending.TestSends;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Test copies of a campaign, sent by the worker through the send queue (the api never calls a provider). */
@Path("/v1/campaigns/{id}/test")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignTestResource {

    private final TestSends tests;
    private final CurrentTenant tenant;

    public CampaignTestResource(TestSends tests, CurrentTenant tenant) {
        this.tests = tests;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "sendCampaignTest", summary = "Send one rendered copy of each variant to the given addresses",
            description = "The copies go through the send queue and the worker like campaign emails (rendered with the merge fields' "
                    + "defaults, footer, unsubscribe headers, pre-send checks), marked as tests ('[Test]' subject prefix, a test tag) "
                    + "and counted in no campaign counter. Suppressed addresses are skipped.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = TestSendInput.class),
            examples = @ExampleObject(name = "one address", value = "{\"to\":[\"marketing@acme.example\"]}")))
    @APIResponse(responseCode = "202", description = "Queued: one copy per address and variant",
            content = @Content(schema = @Schema(implementation = TestSends.Queued.class), examples = @ExampleObject(name = "queued",
                    value = "{\"requestId\":\"0d6c3c1e-2b1f-4f5e-9a53-6f4f4b7c2d10\",\"to\":[\"marketing@acme.example\"],\"variants\":[\"A\",\"B\"],\"copies\":2}")))
    @APIResponse(responseCode = "400", description = "No address, more than 10, or one that is not an email address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(
                    name = "address", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"to: give 1 to 10 addresses\",\"instance\":\"/v1/campaigns/cmp1/test\"}")))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The send queue is unreachable; nothing or only some copies were queued; a retry is a new test request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response send(@PathParam("id") String campaignId, TestSendInput input) {
        if (input == null) {
            throw HeraldException.invalid("a test request must be a JSON object with 'to'");
        }
        return Response.accepted(tests.send(tenant.id(), campaignId, input.to())).build();
    }
}
