package io.herald.api.delivery;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.paging.ListPage;
import io.herald.api.problem.Problem;
import io.herald.core.delivery.Suppression;
import io.herald.core.delivery.SuppressionReason;
import io.herald.core.delivery.Suppressions;
import io.herald.core.errors.HeraldException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

@Path("/v1/suppressions")
@Tag(name = "Suppressions", description = "Addresses that are never emailed, whatever their consent says; checked before every send")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    private static final String EXAMPLE = "{\"email\":\"li.wei@example.com\",\"addressSha256\":\"5d41402abc4b2a76b9719d911017c592ae0f4a6b3a1c3d1c6a0e4b5c8f1e2d3a\","
            + "\"reason\":\"manual\",\"source\":\"support ticket 4711\",\"at\":\"2026-12-01T07:00:00Z\"}";

    private final Suppressions suppressions;
    private final CurrentTenant tenant;

    public SuppressionResource(Suppressions suppressions, CurrentTenant tenant) {
        this.suppressions = suppressions;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addSuppression", summary = "Suppress an address; one already suppressed keeps its first reason")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SuppressionInput.class),
            examples = @ExampleObject(name = "manual", value = "{\"email\":\"li.wei@example.com\",\"reason\":\"manual\",\"source\":\"support ticket 4711\"}")))
    @APIResponse(responseCode = "201", description = "Suppressed", content = @Content(schema = @Schema(implementation = Suppression.class),
            examples = @ExampleObject(name = "added", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Suppressed already; the stored entry", content = @Content(schema = @Schema(implementation = Suppression.class)))
    @APIResponse(responseCode = "400", description = "No valid address, or an unknown reason",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"email: 'li.wei' is not a valid email address\",\"instance\":\"/v1/suppressions\"}")))
    public Response add(SuppressionInput input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON body with email and reason is required");
        }
        Suppressions.Added added = suppressions.add(tenant.id(), input.email(), input.reason(), input.source());
        return Response.status(added.created() ? 201 : 200).entity(added.suppression()).build();
    }

    @GET
    @Operation(operationId = "listSuppressions", summary = "The suppression list, a page at a time (in no meaningful order)")
    @APIResponse(responseCode = "200", description = "One page; entries of erased contacts hold only the address hash")
    public ListPage<Suppression> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return ListPage.of(suppressions.list(tenant.id(), cursor, ListPage.limit(limit)));
    }

    @GET
    @Path("/{email}")
    @Operation(operationId = "getSuppression", summary = "Whether an address (or the SHA-256 of one) is suppressed, and why")
    @APIResponse(responseCode = "200", description = "The entry", content = @Content(schema = @Schema(implementation = Suppression.class)))
    public Suppression get(@Parameter(description = "The address, or the hex SHA-256 of the lower-cased address") @PathParam("email") String email) {
        return suppressions.find(tenant.id(), email).orElseThrow(() -> HeraldException.notFound("suppression", email));
    }

    @DELETE
    @Path("/{email}")
    @Operation(operationId = "removeSuppression", summary = "Lift the suppression of an address (or of the SHA-256 of one)")
    @APIResponse(responseCode = "204", description = "Lifted: the address may be emailed again where its consent allows")
    public Response remove(@PathParam("email") String email) {
        if (!suppressions.remove(tenant.id(), email)) {
            throw HeraldException.notFound("suppression", email);
        }
        return Response.noContent().build();
    }

    /** An address to suppress. */
    @RegisterForReflection
    @Schema(name = "SuppressionInput")
    public record SuppressionInput(
            @Schema(required = true, examples = "li.wei@example.com") String email,
            @Schema(required = true, examples = "manual") SuppressionReason reason,
            @Schema(description = "Where the request came from; 'api' when absent", maxLength = 200, examples = "support ticket 4711") String source) {
    }
}
