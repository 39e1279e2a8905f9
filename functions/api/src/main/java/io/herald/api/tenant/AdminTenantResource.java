package io.herald.api.tenant;

import io.herald.api.paging.ListPage;
import io.herald.core.errors.HeraldException;
import io.herald.core.tenant.ApiKey;
import io.herald.core.tenant.IssuedKey;
import io.herald.core.tenant.Tenant;
import io.herald.core.tenant.TenantService;
import io.herald.core.tenant.TenantSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@Path("/v1/admin/tenants")
@Tag(name = "Admin", description = "Tenants and their API keys; authorized by the operator's admin key")
@Produces(MediaType.APPLICATION_JSON)
public class AdminTenantResource {

    private final TenantService tenants;

    public AdminTenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTenant", summary = "Create a tenant and its first API key (shown only in this answer)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedTenant.class)))
    @APIResponse(responseCode = "409", description = "The id is taken")
    public Response create(NewTenant request) {
        if (request == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        IssuedKey key = tenants.create(request.id(), request.name(), request.settings());
        Tenant tenant = tenants.get(key.tenantId());
        return Response.created(URI.create("/v1/admin/tenants/" + tenant.id()))
                .entity(new CreatedTenant(tenant, key.id(), key.apiKey())).build();
    }

    @GET
    @Path("/{tenantId}")
    @Operation(operationId = "getTenant", summary = "Read a tenant")
    public Tenant get(@PathParam("tenantId") String tenantId) {
        return tenants.get(tenantId);
    }

    @POST
    @Path("/{tenantId}/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueKey", summary = "Issue another API key (rotation: issue, switch callers, then revoke the old one)")
    @APIResponse(responseCode = "201", description = "The new key, shown only in this answer", content = @Content(schema = @Schema(implementation = IssuedKey.class)))
    public Response issueKey(@PathParam("tenantId") String tenantId, KeyImport request) {
        IssuedKey key = tenants.issueKey(tenantId, request == null ? null : request.apiKey());
        return Response.created(URI.create("/v1/admin/tenants/" + tenantId + "/keys/" + key.id())).entity(key).build();
    }

    @GET
    @Path("/{tenantId}/keys")
    @Operation(operationId = "listKeys", summary = "List a tenant's keys (ids and dates; secrets are never stored), a page at a time")
    public ListPage<KeyView> keys(@PathParam("tenantId") String tenantId, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return ListPage.of(tenants.keys(tenantId, cursor, ListPage.limit(limit)), KeyView::of);
    }

    @DELETE
    @Path("/{tenantId}/keys/{keyId}")
    @Operation(operationId = "revokeKey", summary = "Revoke a key; requests with it are refused from now on")
    public KeyView revoke(@PathParam("tenantId") String tenantId, @PathParam("keyId") String keyId) {
        return KeyView.of(tenants.revokeKey(tenantId, keyId));
    }

    @RegisterForReflection
    @Schema(name = "NewTenant")
    public record NewTenant(
            @Schema(description = "3 to 40 lower-case letters, digits or dashes; generated when absent", examples = "acme-tea") String id,
            @Schema(required = true, examples = "Acme Tea") String name,
            TenantSettings settings) {
    }

    @RegisterForReflection
    @Schema(name = "CreatedTenant")
    public record CreatedTenant(Tenant tenant, String keyId,
            @Schema(description = "The API key: store it now, Herald keeps only its hash") String apiKey) {
    }

    @RegisterForReflection
    @Schema(name = "KeyImport", description = "Optional: a key generated elsewhere in Herald's format, to seed a fixed key (local runs)")
    public record KeyImport(@Schema(examples = "hk_demo_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG") String apiKey) {
    }

    @RegisterForReflection
    @Schema(name = "ApiKey")
    public record KeyView(String id, String tenantId, Instant createdAt, Instant revokedAt, boolean active) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.tenantId(), key.createdAt(), key.revokedAt(), key.active());
        }
    }
}
