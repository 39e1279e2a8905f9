package io.herald.api.campaign;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.paging.ListPage;
import io.herald.api.problem.Problem;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignService;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/v1/campaigns")
@Tag(name = "Campaigns", description = "Email campaigns to a segment: variants, schedule in each recipient's local time, pacing, progress")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    static final String EXAMPLE = "{\"name\":\"Spring win-back\",\"channel\":\"email\","
            + "\"brief\":{\"goal\":\"Bring back customers who have not ordered in 90 days\",\"product\":\"Spring collection\","
            + "\"ctaUrl\":\"https://shop.acme.example/spring\",\"tone\":\"warm\"},"
            + "\"variants\":[{\"id\":\"A\",\"prompt\":{\"name\":\"spring-winback\",\"version\":2}},{\"id\":\"B\",\"prompt\":{\"name\":\"spring-winback\",\"version\":3}}],"
            + "\"segment\":{\"id\":\"lapsed-90d\",\"version\":1},"
            + "\"sender\":{\"from\":\"Acme <news@mail.acme.example>\",\"replyTo\":\"help@acme.example\"},\"provider\":\"ses\","
            + "\"schedule\":{\"type\":\"localTime\",\"date\":\"2026-06-02\",\"time\":\"09:30\",\"defaultZone\":\"Europe/Paris\"},"
            + "\"sendWindow\":{\"start\":\"08:00\",\"end\":\"20:00\"},\"quietHours\":{\"start\":\"12:00\",\"end\":\"13:30\"},"
            + "\"rateLimitPerMinute\":600,"
            + "\"content\":{\"groupBy\":\"tier\",\"mergeFields\":{\"firstName\":\"there\"},\"fallback\":\"template\",\"mode\":\"perVariant\"}}";
    private static final String CONFLICT = "{\"type\":\"urn:herald:problem:conflict\",\"title\":\"Conflict\",\"status\":409,"
            + "\"detail\":\"campaign 'cmp0193f1c2a4b7e2d91c0a' is completed; only a campaign that is scheduled or running can be paused\","
            + "\"instance\":\"/v1/campaigns/cmp0193f1c2a4b7e2d91c0a/pause\"}";

    private final CampaignService campaigns;
    private final CampaignProgress progress;
    private final CurrentTenant tenant;

    public CampaignResource(CampaignService campaigns, CampaignProgress progress, CurrentTenant tenant) {
        this.campaigns = campaigns;
        this.progress = progress;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCampaign", summary = "Create a campaign as a draft; every reference in it is checked")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CampaignInput.class),
            examples = @ExampleObject(name = "localTime", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The draft, with segment and prompt versions pinned and variant weights set",
            content = @Content(schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "400", description = "An invalid field, an unknown segment or prompt version, an unknown provider or one "
            + "without credentials, a sender domain the tenant has not configured, a schedule in the past, an empty send window, or "
            + "quiet hours that cover the whole window",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = {
                    @ExampleObject(name = "segment", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\","
                            + "\"status\":400,\"detail\":\"segment: 'lapsed-90d' version 7 does not exist\",\"instance\":\"/v1/campaigns\"}"),
                    @ExampleObject(name = "quietHours", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\","
                            + "\"status\":400,\"detail\":\"quietHours: 21:00-08:00 cover the whole sendWindow 22:00-23:00; nothing could be sent\","
                            + "\"instance\":\"/v1/campaigns\"}")}))
    public Response create(CampaignInput input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        Campaign campaign = campaigns.create(tenant.id(), input.toDraft());
        return Response.created(URI.create("/v1/campaigns/" + campaign.id())).entity(campaign).build();
    }

    @GET
    @Operation(operationId = "listCampaigns", summary = "The tenant's campaigns, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "One page and the cursor of the next")
    @APIResponse(responseCode = "400", description = "A limit outside 1 to 100, or a cursor that is not this list's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ListPage<Campaign> list(@Parameter(description = "The next value of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 50)") @QueryParam("limit") Integer limit) {
        return ListPage.of(campaigns.list(tenant.id(), cursor, ListPage.limit(limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCampaign", summary = "A campaign and its progress: planned, queued, sent, failed by reason, suppressed, "
            + "skipped, unknown, held, model calls, tokens and estimated cost")
    @APIResponse(responseCode = "200", description = "The campaign with its progress",
            content = @Content(schema = @Schema(implementation = CampaignDetails.class)))
    public CampaignDetails get(@PathParam("id") String id) {
        Campaign campaign = campaigns.get(tenant.id(), id);
        return new CampaignDetails(campaign, progress.read(tenant.id(), campaign.id()));
    }

    @POST
    @Path("/{id}/schedule")
    @Operation(operationId = "scheduleCampaign", summary = "draft to scheduled: the planner takes it up when it falls due")
    @APIResponse(responseCode = "200", description = "The scheduled campaign", content = @Content(schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "400", description = "Its schedule has passed since creation, or its provider or sender domain is no longer set up",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "It is not a draft; the detail names its state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "state", value = CONFLICT)))
    public Campaign schedule(@PathParam("id") String id) {
        return campaigns.schedule(tenant.id(), id);
    }

    @POST
    @Path("/{id}/pause")
    @Operation(operationId = "pauseCampaign", summary = "scheduled or running to paused; sending stops within a minute")
    @APIResponse(responseCode = "200", description = "The paused campaign", content = @Content(schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "409", description = "It is neither scheduled nor running; the detail names its state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "state", value = CONFLICT)))
    public Campaign pause(@PathParam("id") String id) {
        return campaigns.pause(tenant.id(), id);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(operationId = "resumeCampaign", summary = "paused back to scheduled or running, as it was when paused")
    @APIResponse(responseCode = "200", description = "The resumed campaign", content = @Content(schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "409", description = "It is not paused; the detail names its state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Campaign resume(@PathParam("id") String id) {
        return campaigns.resume(tenant.id(), id);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelCampaign", summary = "Cancel for good; nothing more is planned or sent (within a minute)")
    @APIResponse(responseCode = "200", description = "The cancelled campaign", content = @Content(schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "409", description = "It is already completed or cancelled; the detail names its state",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Campaign cancel(@PathParam("id") String id) {
        return campaigns.cancel(tenant.id(), id);
    }
}
