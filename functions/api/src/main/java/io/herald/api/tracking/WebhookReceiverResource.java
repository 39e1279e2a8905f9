package io.herald.api.tracking;

import io.herald.core.tracking.webhook.WebhookReceipt;
import io.herald.core.tracking.webhook.WebhookReceiver;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import io.herald.api.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.Map;

/**
 * The public receivers of provider webhooks, one URL per tenant and provider. No API key: each provider's own
 * signature or credentials, checked against the tenant's secrets over the raw body, is the authorization. A receiver
 * verifies, enqueues and answers; the track worker applies.
 */
@Path("/hooks/{provider}/{tenantId}")
@Tag(name = "Provider webhooks", description = "Where email providers post delivery and engagement events; public, verified per provider")
@SecurityRequirements
public class WebhookReceiverResource {

    private final WebhookReceiver receiver;

    public WebhookReceiverResource(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveProviderWebhook", summary = "Receive a provider's events (SendGrid, Mailgun, Postmark, SES through SNS)")
    @APIResponse(responseCode = "200", description = "Verified and queued (an unknown event type is accepted and ignored)")
    @APIResponse(responseCode = "400", description = "Not this provider's payload; nothing was applied",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The signature or credentials are missing, wrong, stale or replayed; nothing was applied",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such provider, or the tenant has no account with it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is too large",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The queue is unavailable; the provider should retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public WebhookReceipt receive(@Parameter(description = "sendgrid, mailgun, postmark or ses") @PathParam("provider") String provider,
            @Parameter(description = "The tenant whose receiver this is") @PathParam("tenantId") String tenantId,
            HttpHeaders headers, byte[] body) {
        Map<String, String> flat = new HashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> flat.put(name, values.isEmpty() ? "" : values.get(0)));
        return receiver.receive(provider, tenantId, flat, body);
    }
}
