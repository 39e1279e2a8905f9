package io.herald.api.segment;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.api.paging.ListPage;
import io.herald.core.audience.Preview;
import io.herald.core.audience.Segment;
import io.herald.core.audience.SegmentService;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

import java.net.URI;

@Path("/v1/segments")
@Tag(name = "Segments", description = "Audiences as rule trees over contacts, consent, locale, time zone and behaviour events; "
        + "each change is an immutable new version")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentResource {

    private final SegmentService segments;
    private final CurrentTenant tenant;

    public SegmentResource(SegmentService segments, CurrentTenant tenant) {
        this.segments = segments;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSegment", summary = "Create a segment (its version 1)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SegmentInput.class),
            examples = @ExampleObject(name = "viewedNotBought", value = SegmentDocs.CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Version 1", content = @Content(schema = @Schema(implementation = Segment.class)))
    @APIResponse(responseCode = "200", description = "A retried create: the segment already has this id, name and rule; "
            + "it is returned unchanged", content = @Content(schema = @Schema(implementation = Segment.class)))
    @APIResponse(responseCode = "400", description = "An invalid rule (the detail names its path), name or id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknownOperator", value = SegmentDocs.BAD_RULE)))
    @APIResponse(responseCode = "409", description = "A segment with this id exists with another definition (PUT writes a new version)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(SegmentInput input) {
        SegmentService.Saved saved = segments.create(tenant.id(), body(input).toDraft());
        return saved(saved, URI.create("/v1/segments/" + saved.segment().id()));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSegment", summary = "Write the next version of a segment; campaigns pinned to earlier versions keep theirs")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SegmentUpdate.class),
            examples = @ExampleObject(name = "narrowToGold", value = SegmentDocs.UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The new version", content = @Content(schema = @Schema(implementation = Segment.class)))
    @APIResponse(responseCode = "200", description = "The latest version already has this name and rule: it is returned and no version is added",
            content = @Content(schema = @Schema(implementation = Segment.class)))
    @APIResponse(responseCode = "400", description = "An invalid rule (the detail names its path) or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknownOperator", value = SegmentDocs.BAD_RULE)))
    @APIResponse(responseCode = "404", description = "No segment with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = SegmentDocs.NOT_FOUND)))
    public Response update(@PathParam("id") String id, SegmentUpdate input) {
        SegmentService.Saved saved = segments.update(tenant.id(), id, body(input).toDraft(id));
        return saved(saved, URI.create("/v1/segments/" + id + "/versions/" + saved.segment().version()));
    }

    @GET
    @Operation(operationId = "listSegments", summary = "The tenant's segments in id order, each at its latest version, a page at a time")
    @APIResponse(responseCode = "200", description = "One page; pass next as ?cursor= for the following one")
    @APIResponse(responseCode = "400", description = "A cursor that is not this list's, or a limit outside 1 to 100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ListPage<Segment> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return ListPage.of(segments.list(tenant.id(), cursor, ListPage.limit(limit)));
    }

    @POST
    @Path("/{id}/preview")
    @Operation(operationId = "previewSegment", summary = "Count the contacts a segment version matches now, with a sample; "
            + "bounded by a time budget (complete: false when it ran out)")
    @RequestBody(required = false, content = @Content(schema = @Schema(implementation = PreviewInput.class),
            examples = @ExampleObject(name = "version", value = "{\"version\":1}")))
    @APIResponse(responseCode = "200", description = "The count, how many were evaluated, whether that was every contact, a sample and the time",
            content = @Content(schema = @Schema(implementation = Preview.class), examples = @ExampleObject(name = "counted",
                    value = "{\"segment\":{\"id\":\"tea-viewers\",\"version\":2},\"count\":1834,\"evaluated\":100000,\"complete\":true,"
                            + "\"sample\":[{\"id\":\"cust-1001\",\"email\":\"li.wei@example.com\",\"locale\":\"zh-CN\"}],"
                            + "\"countedAt\":\"2026-12-01T07:30:00Z\",\"elapsedMs\":8120}")))
    @APIResponse(responseCode = "400", description = "A version that is not a positive number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such segment or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = SegmentDocs.NOT_FOUND)))
    public Preview preview(@PathParam("id") String id, PreviewInput input) {
        return segments.preview(tenant.id(), id, input == null ? null : input.version());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSegment", summary = "The latest version of a segment")
    @APIResponse(responseCode = "200", description = "The latest version", content = @Content(schema = @Schema(implementation = Segment.class)))
    @APIResponse(responseCode = "404", description = "No segment with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = SegmentDocs.NOT_FOUND)))
    public Segment latest(@PathParam("id") String id) {
        return segments.get(tenant.id(), id, null);
    }

    @GET
    @Path("/{id}/versions/{version}")
    @Operation(operationId = "getSegmentVersion", summary = "One version of a segment, as a campaign pinned to it sees it")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = Segment.class)))
    @APIResponse(responseCode = "400", description = "The version is not a positive number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such segment or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Segment version(@PathParam("id") String id, @PathParam("version") String version) {
        return segments.get(tenant.id(), id, versionNumber(version));
    }

    static Integer versionNumber(String version) {
        if (version == null || !version.matches("[0-9]{1,9}")) {
            throw HeraldException.invalid("version: '" + version + "' is not a version number");
        }
        return Integer.parseInt(version);
    }

    private static <T> T body(T input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        return input;
    }

    private static Response saved(SegmentService.Saved saved, URI location) {
        // A retried write (same definition) must not add a version: it gets the existing one.
        return saved.created() ? Response.created(location).entity(saved.segment()).build()
                : Response.ok(saved.segment()).location(location).build();
    }
}
