package io.herald.api.webhook;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.paging.ListPage;
import io.herald.api.problem.Problem;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.outbound.DeliveryAttempt;
import io.herald.core.tracking.outbound.DeliveryLog;
import io.herald.core.tracking.outbound.WebhookEndpoint;
import io.herald.core.tracking.outbound.WebhookEndpoints;
import io.herald.core.tracking.outbound.WebhookFanOut;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * The tenant's own webhook endpoints, where Herald POSTs tracking events signed per Standard Webhooks. Thin: the rules
 * (https, SSRF guard, secrets sealed and shown once, rotation) are core's {@link WebhookEndpoints}.
 */
@Path("/v1/webhook-endpoints")
@Tag(name = "Webhook endpoints", description = "Outbound webhooks to the tenant's endpoints (Standard Webhooks), with a delivery log")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookEndpointResource {

    static final String TYPES = "message.delivered, message.deferred, message.dropped, message.bounced, message.complained, "
            + "message.opened, message.clicked, contact.unsubscribed, conversion.recorded";
    private static final String CREATED = "{\"id\":\"whep0192f3a1b2c3d4e5f6a7\",\"url\":\"https://hooks.acme.example/herald\","
            + "\"eventTypes\":[\"message.bounced\",\"message.clicked\"],\"description\":\"CRM sync\",\"enabled\":true,\"consecutiveFailures\":0,"
            + "\"createdAt\":\"2026-12-01T09:00:00Z\",\"updatedAt\":\"2026-12-01T09:00:00Z\",\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}";
    private static final String INVALID = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,"
            + "\"detail\":\"url: must be an https:// URL\",\"instance\":\"/v1/webhook-endpoints\"}";
    private static final String NOT_FOUND = "{\"type\":\"urn:herald:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
            + "\"detail\":\"webhook endpoint 'whep0192f3a1b2c3d4e5f6a7' does not exist\",\"instance\":\"/v1/webhook-endpoints/whep0192f3a1b2c3d4e5f6a7\"}";

    private final WebhookEndpoints endpoints;
    private final DeliveryLog log;
    private final WebhookFanOut fanOut;
    private final CurrentTenant tenant;

    public WebhookEndpointResource(WebhookEndpoints endpoints, DeliveryLog log, WebhookFanOut fanOut, CurrentTenant tenant) {
        this.endpoints = endpoints;
        this.log = log;
        this.fanOut = fanOut;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookEndpoint", summary = "Add an endpoint; the answer holds its signing secret, shown this once")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EndpointInput.class),
            examples = @ExampleObject(name = "crm", value = "{\"url\":\"https://hooks.acme.example/herald\",\"eventTypes\":[\"message.bounced\",\"message.clicked\"],\"description\":\"CRM sync\"}")))
    @APIResponse(responseCode = "201", description = "Created; store the secret now, it is never shown again",
            content = @Content(schema = @Schema(implementation = WebhookEndpoint.class), examples = @ExampleObject(name = "created", value = CREATED)))
    @APIResponse(responseCode = "400", description = "Not an https URL, credentials or an internal address in it, an unknown event type, a long description",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "http", value = INVALID)))
    @APIResponse(responseCode = "409", description = "The tenant has its maximum number of endpoints",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(EndpointInput input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON object with url, eventTypes and description is required");
        }
        WebhookEndpoint created = endpoints.create(tenant.id(), input.toDraft());
        return Response.created(URI.create("/v1/webhook-endpoints/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "The endpoints, newest first, without their secrets")
    @APIResponse(responseCode = "200", description = "One page; pass next as ?cursor= for the following one")
    @APIResponse(responseCode = "400", description = "A cursor that is not this list's, or a limit outside 1 to 100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ListPage<WebhookEndpoint> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return ListPage.of(endpoints.list(tenant.id(), cursor, ListPage.limit(limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint", summary = "One endpoint, without its secret; a disabled one says why and since when")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookEndpoint.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "unknown", value = NOT_FOUND)))
    public WebhookEndpoint get(@PathParam("id") String id) {
        return endpoints.get(tenant.id(), id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change url, eventTypes, description or enabled; re-enabling clears the failure streak")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = EndpointPatch.class),
            examples = {@ExampleObject(name = "reenable", value = "{\"enabled\":true}"),
                    @ExampleObject(name = "narrow", value = "{\"eventTypes\":[\"message.bounced\",\"message.complained\"]}")}))
    @APIResponse(responseCode = "200", description = "The endpoint after the change", content = @Content(schema = @Schema(implementation = WebhookEndpoint.class)))
    @APIResponse(responseCode = "400", description = "An invalid url or event type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookEndpoint update(@PathParam("id") String id, EndpointPatch patch) {
        if (patch == null) {
            throw HeraldException.invalid("a JSON object with the fields to change is required");
        }
        return endpoints.update(tenant.id(), id, patch.toDraft());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Remove the endpoint and its delivery log; queued deliveries to it are dropped")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") String id) {
        endpoints.delete(tenant.id(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret, shown once; the old one keeps signing beside it for 24 hours")
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret and the old secret's end (previousSecretExpiresAt)",
            content = @Content(schema = @Schema(implementation = WebhookEndpoint.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookEndpoint rotate(@PathParam("id") String id) {
        return endpoints.rotate(tenant.id(), id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest attempt first: status, latency, error, next attempt, outcome")
    @APIResponse(responseCode = "200", description = "One page of attempts; pass next as ?cursor= for older ones")
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ListPage<DeliveryAttempt> deliveries(@PathParam("id") String id, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        endpoints.get(tenant.id(), id);
        return ListPage.of(log.page(tenant.id(), id, cursor, ListPage.limit(limit)));
    }

    @POST
    @Path("/{id}/test")
    @Operation(operationId = "testWebhookEndpoint", summary = "Queue one signed webhook.test event to the endpoint, whatever it subscribes to")
    @APIResponse(responseCode = "202", description = "Queued; its attempts appear in the delivery log under this webhookId",
            content = @Content(schema = @Schema(implementation = TestQueued.class)))
    @APIResponse(responseCode = "404", description = "No such endpoint for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The endpoint is disabled: enable it first",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response test(@PathParam("id") String id) {
        WebhookEndpoint endpoint = endpoints.get(tenant.id(), id);
        if (!endpoint.enabled()) {
            throw HeraldException.conflict("webhook endpoint '" + id + "' is disabled (" + endpoint.disabledReason() + "); enable it first");
        }
        return Response.accepted(new TestQueued(fanOut.enqueueTest(tenant.id(), id))).build();
    }

    /** The answer to a test request. */
    @RegisterForReflection
    public record TestQueued(@Schema(examples = "msg_test_4f1c2b0e9a8d4c7b8e6f5a4b3c2d1e0f") String webhookId) {
    }
}
