package io.herald.api.campaign;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.core.errors.HeraldException;
import io.herald.core.metrics.CampaignMetrics;
import io.herald.core.metrics.CampaignMetricsService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A campaign's results per variant and per hour, and the reconcile that rebuilds its counters from what is stored. */
@Path("/v1/campaigns/{id}/metrics")
@Tag(name = "Campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignMetricsResource {

    static final String EXAMPLE = "{\"campaignId\":\"cmp0193f1c2a4b7e2d91c0a\","
            + "\"total\":{\"sent\":2000,\"delivered\":1960,\"deferred\":12,\"dropped\":4,\"bounced\":{\"total\":36,\"hard\":22,\"soft\":14},"
            + "\"complained\":2,\"unsubscribed\":9,"
            + "\"opens\":{\"human\":{\"unique\":610,\"total\":902},\"machine\":{\"unique\":540,\"total\":566}},"
            + "\"clicks\":{\"human\":{\"unique\":131,\"total\":170},\"machine\":{\"unique\":38,\"total\":95}},"
            + "\"conversions\":21,\"revenue\":[{\"currency\":\"EUR\",\"amount\":\"1245.50\",\"minor\":124550},"
            + "{\"currency\":\"JPY\",\"amount\":\"5800\",\"minor\":5800}],"
            + "\"rates\":{\"deliveryRate\":{\"value\":0.98,\"numerator\":\"delivered\",\"denominator\":\"sent\",\"numeratorValue\":1960,\"denominatorValue\":2000},"
            + "\"openRate\":{\"value\":0.3112,\"numerator\":\"opens.unique.human\",\"denominator\":\"delivered\",\"numeratorValue\":610,\"denominatorValue\":1960},"
            + "\"clickRate\":{\"value\":0.0668,\"numerator\":\"clicks.unique.human\",\"denominator\":\"delivered\",\"numeratorValue\":131,\"denominatorValue\":1960},"
            + "\"clickToOpenRate\":{\"value\":0.2148,\"numerator\":\"clicks.unique.human\",\"denominator\":\"opens.unique.human\",\"numeratorValue\":131,\"denominatorValue\":610},"
            + "\"conversionRate\":{\"value\":0.0107,\"numerator\":\"conversions\",\"denominator\":\"delivered\",\"numeratorValue\":21,\"denominatorValue\":1960},"
            + "\"bounceRate\":{\"value\":0.018,\"numerator\":\"bounced\",\"denominator\":\"sent\",\"numeratorValue\":36,\"denominatorValue\":2000},"
            + "\"complaintRate\":{\"value\":0.001,\"numerator\":\"complained\",\"denominator\":\"delivered\",\"numeratorValue\":2,\"denominatorValue\":1960},"
            + "\"unsubscribeRate\":{\"value\":0.0046,\"numerator\":\"unsubscribed\",\"denominator\":\"delivered\",\"numeratorValue\":9,\"denominatorValue\":1960}}},"
            + "\"variants\":[{\"variant\":\"A\",\"sent\":1000,\"delivered\":981},"
            + "{\"variant\":\"B\",\"sent\":1000,\"delivered\":979}],"
            + "\"hourly\":[{\"hour\":\"2026-06-02T07:00:00Z\",\"counters\":{\"delivered\":1400,\"opens.total.human\":210,\"opens.total.machine\":388,"
            + "\"opens.unique.human\":160,\"opens.unique.machine\":380},\"variants\":{\"A\":{\"delivered\":702,\"opens.total.human\":98,"
            + "\"opens.total.machine\":190,\"opens.unique.human\":75,\"opens.unique.machine\":186},\"B\":{\"delivered\":698,\"opens.total.human\":112,"
            + "\"opens.total.machine\":198,\"opens.unique.human\":85,\"opens.unique.machine\":194}}},"
            + "{\"hour\":\"2026-06-02T08:00:00Z\",\"counters\":{\"clicks.total.human\":40,\"clicks.unique.human\":35,\"conversions\":3,\"revenue.EUR\":17970},"
            + "\"variants\":{\"A\":{\"clicks.total.human\":22,\"clicks.unique.human\":19,\"conversions\":2,\"revenue.EUR\":11980},"
            + "\"B\":{\"clicks.total.human\":18,\"clicks.unique.human\":16,\"conversions\":1,\"revenue.EUR\":5990}}}],"
            + "\"readAt\":\"2026-06-03T10:00:00Z\"}";
    static final String RECONCILED = "{\"campaignId\":\"cmp0193f1c2a4b7e2d91c0a\",\"status\":\"completed\","
            + "\"engagement\":{\"eventsRead\":5210,\"eventsCounted\":5160,\"settledBefore\":\"2026060309\",\"itemsWritten\":58,\"itemsDeleted\":131,"
            + "\"corrections\":{\"opens.total.human\":{\"before\":899,\"after\":902}}},"
            + "\"progress\":{\"messagesRead\":2040,\"inFlight\":0,\"applied\":true,\"itemsChanged\":8,"
            + "\"corrections\":{\"sent\":{\"before\":1998,\"after\":2000},\"variant.A.sent\":{\"before\":999,\"after\":1000},"
            + "\"variant.B.sent\":{\"before\":999,\"after\":1000}}},"
            + "\"startedAt\":\"2026-06-03T10:05:00Z\",\"tookMs\":2140}";
    private static final String NOT_FOUND = "{\"type\":\"urn:herald:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"campaign 'cmp0193f1c2a4b7e2d91c0a' does not exist\",\"instance\":\"/v1/campaigns/cmp0193f1c2a4b7e2d91c0a/metrics\"}";

    private final CampaignMetricsService metrics;
    private final CurrentTenant tenant;

    public CampaignMetricsResource(CampaignMetricsService metrics, CurrentTenant tenant) {
        this.metrics = metrics;
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getCampaignMetrics", summary = "A campaign's results, in total, per variant and per UTC hour",
            description = "Sent (the send step's count), delivered, deferred, dropped, bounced (hard, soft), complained, unsubscribed, "
                    + "opens and clicks (unique and total, human and machine kept apart), conversions and revenue per currency, and rates "
                    + "that each name their numerator and denominator. Only human engagement feeds a rate. Rates over 'delivered' fall back "
                    + "to 'sent' when the provider reported no delivery (SMTP). 'from' and 'to' filter only the hourly series.")
    @APIResponse(responseCode = "200", description = "The metrics",
            content = @Content(schema = @Schema(implementation = CampaignMetrics.class), examples = @ExampleObject(name = "two variants", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "'from' or 'to' is not an ISO-8601 instant, or 'from' is not before 'to'",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(
                    name = "from", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"from: 'yesterday' is not an ISO-8601 instant such as 2026-06-02T09:00:00Z\","
                    + "\"instance\":\"/v1/campaigns/cmp0193f1c2a4b7e2d91c0a/metrics\"}")))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign in this tenant (another tenant's campaign is not found either)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public CampaignMetrics get(@PathParam("id") String id,
            @Parameter(description = "Hourly series from this instant's hour on (inclusive), e.g. 2026-06-02T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "Hourly series before this instant (exclusive)") @QueryParam("to") String to) {
        return metrics.read(tenant.id(), id, instant("from", from), instant("to", to));
    }

    @POST
    @Path("/reconcile")
    @Operation(operationId = "reconcileCampaignMetrics", summary = "Rebuild the campaign's counters from its stored events and message records",
            description = "Synchronous. Engagement counters of hours that ended more than herald.metrics.reconcile-settle ago (10 minutes) are "
                    + "replaced by a recount of the stored events; younger hours are left to the live counters. The message-derived progress "
                    + "counters (sent, failed, suppressed, skipped, unknown, per variant) are recounted from the message records and "
                    + "rewritten only once the campaign is completed or cancelled; before that the answer only reports them. Safe to repeat.")
    @APIResponse(responseCode = "200", description = "What was read and what changed",
            content = @Content(schema = @Schema(implementation = CampaignMetricsService.Reconciled.class),
                    examples = @ExampleObject(name = "corrected", value = RECONCILED)))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such campaign in this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The campaign has more to read than the api's time budget (herald.metrics.reconcile-budget) "
            + "allows; nothing was written: invoke the worker's reconcile function instead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CampaignMetricsService.Reconciled reconcile(@PathParam("id") String id) {
        return metrics.reconcile(tenant.id(), id);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw HeraldException.invalid(name + ": '" + shown + "' is not an ISO-8601 instant such as 2026-06-02T09:00:00Z");
        }
    }
}
