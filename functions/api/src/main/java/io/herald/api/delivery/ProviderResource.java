package io.herald.api.delivery;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.paging.ListPage;
import io.herald.api.problem.Problem;
import io.herald.core.delivery.ProviderAccount;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderFields;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/v1/providers")
@Tag(name = "Providers", description = "The tenant's email provider accounts; credentials are write-only and encrypted at rest")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderResource {

    private final ProviderAccounts accounts;
    private final CurrentTenant tenant;

    public ProviderResource(ProviderAccounts accounts, CurrentTenant tenant) {
        this.accounts = accounts;
        this.tenant = tenant;
    }

    @PUT
    @Path("/{kind}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putProvider", summary = "Write the settings of one provider account; secrets are never shown again")
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class), examples = {
            @ExampleObject(name = "smtp", value = "{\"host\":\"smtp.example.com\",\"port\":\"587\",\"username\":\"herald\",\"password\":\"s3cret\",\"tls\":\"starttls\"}"),
            @ExampleObject(name = "ses", value = "{\"region\":\"eu-west-1\",\"configurationSet\":\"herald\",\"snsTopicArn\":\"arn:aws:sns:eu-west-1:123456789012:herald-ses-events\"}"),
            @ExampleObject(name = "sendgrid", value = "{\"apiKey\":\"SG.xxxx\"}"),
            @ExampleObject(name = "mailgun", value = "{\"apiKey\":\"key-xxxx\",\"domain\":\"mg.example.com\",\"region\":\"eu\"}"),
            @ExampleObject(name = "postmark", value = "{\"serverToken\":\"xxxx-xxxx\",\"messageStream\":\"broadcast\"}")}))
    @APIResponse(responseCode = "200", description = "Stored; what may be shown of it", content = @Content(schema = @Schema(implementation = ProviderAccount.class),
            examples = @ExampleObject(name = "smtp", value = "{\"kind\":\"smtp\",\"settings\":{\"host\":\"smtp.example.com\",\"port\":\"587\",\"username\":\"herald\",\"tls\":\"starttls\"},\"fingerprint\":\"3f9a0c11d2e4b6a7\",\"updatedAt\":\"2026-12-01T07:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "A required setting is missing, unknown or invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "missing", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"apiKey: required for sendgrid\",\"instance\":\"/v1/providers/sendgrid\"}")))
    public ProviderAccount put(@Parameter(description = "smtp, ses, sendgrid, mailgun or postmark") @PathParam("kind") String kind,
            Map<String, String> settings) {
        if (settings == null) {
            throw HeraldException.invalid("a JSON object with the provider's settings is required");
        }
        return accounts.put(tenant.id(), ProviderFields.kind(kind), settings);
    }

    @GET
    @Operation(operationId = "listProviders", summary = "The configured provider accounts, without their secrets")
    @APIResponse(responseCode = "200", description = "At most one account per provider kind, so there is never a next page")
    public ListPage<ProviderAccount> list() {
        return new ListPage<>(accounts.list(tenant.id()), null);
    }

    @GET
    @Path("/{kind}")
    @Operation(operationId = "getProvider", summary = "One provider account, without its secrets")
    @APIResponse(responseCode = "200", description = "The account")
    public ProviderAccount get(@PathParam("kind") String kind) {
        return accounts.get(tenant.id(), ProviderFields.kind(kind)).orElseThrow(() -> HeraldException.notFound("provider account", kind));
    }

    @DELETE
    @Path("/{kind}")
    @Operation(operationId = "deleteProvider", summary = "Remove a provider account and its credentials")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response delete(@PathParam("kind") String kind) {
        if (!accounts.delete(tenant.id(), ProviderFields.kind(kind))) {
            throw HeraldException.notFound("provider account", kind);
        }
        return Response.noContent().build();
    }
}
