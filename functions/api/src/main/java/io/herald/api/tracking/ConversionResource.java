package io.herald.api.tracking;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.firstparty.ConversionReceipt;
import io.herald.core.tracking.firstparty.Conversions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

/** An application reports a purchase or sign-up; Herald attributes it to a message of the tenant's and counts it. */
@Path("/v1/conversions")
@Tag(name = "Conversions", description = "Purchases and sign-ups reported by the tenant's application, attributed to campaign messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversionResource {

    static final String EXAMPLE = "{\"conversionId\":\"order-10042\",\"contactId\":\"cust-1001\",\"clickToken\":\"AWMFAGFjbWUk...\","
            + "\"kind\":\"purchase\",\"value\":{\"amount\":\"49.90\",\"currency\":\"EUR\"},\"occurredAt\":\"2026-11-27T10:15:00Z\"}";
    static final String LAST_MESSAGE_EXAMPLE = "{\"conversionId\":\"signup-77\",\"email\":\"ada@example.org\",\"kind\":\"signup\"}";
    static final String RECEIPT = "{\"conversionId\":\"order-10042\",\"attributed\":true,\"messageId\":\"6f1c2a34-9b7e-3d41-8c55-0a2b3c4d5e6f\","
            + "\"campaignId\":\"cmp_spring\",\"variant\":\"a\",\"attributedBy\":\"click\"}";

    private final Conversions conversions;
    private final CurrentTenant tenant;

    public ConversionResource(Conversions conversions, CurrentTenant tenant) {
        this.conversions = conversions;
        this.tenant = tenant;
    }

    @POST
    @Operation(operationId = "recordConversion", summary = "Report a conversion; attributed by click token, else message id, else the "
            + "contact's last campaign message within the window; a repost with the same conversionId answers the same")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ConversionInput.class), examples = {
            @ExampleObject(name = "purchaseAfterClick", value = EXAMPLE),
            @ExampleObject(name = "signupByEmail", value = LAST_MESSAGE_EXAMPLE)}))
    @APIResponse(responseCode = "202", description = "Accepted: the attribution (attributed false and attributedBy none when no message "
            + "qualifies); an attributed conversion is queued for the campaign's counters",
            content = @Content(schema = @Schema(implementation = ConversionReceipt.class), examples = @ExampleObject(name = "click", value = RECEIPT)))
    @APIResponse(responseCode = "400", description = "A missing conversionId or kind, neither contactId nor email, a clickToken Herald did "
            + "not sign, an amount that is not a decimal string or has more decimals than the currency's minor unit, an unknown currency, "
            + "an occurredAt in the future or past the retention",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = {
                    @ExampleObject(name = "precision", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\","
                            + "\"status\":400,\"detail\":\"value.amount: 49.999 has 3 decimals, but EUR has 2 minor digits\",\"instance\":\"/v1/conversions\"}")}))
    @APIResponse(responseCode = "404", description = "No contact of this tenant with that id or email",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The store or the track queue did not answer; post again with the same conversionId",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(ConversionInput input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        return Response.accepted(conversions.record(tenant.id(), input.toRequest())).build();
    }
}
