package io.herald.api.tenant;

import io.herald.api.auth.CurrentTenant;
import io.herald.core.errors.HeraldException;
import io.herald.core.tenant.TenantService;
import io.herald.core.tenant.TenantSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/settings")
@Tag(name = "Settings", description = "What the model may see, what generated content may contain, and what tracking email carries")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private final TenantService tenants;
    private final CurrentTenant tenant;

    public SettingsResource(TenantService tenants, CurrentTenant tenant) {
        this.tenants = tenants;
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "getSettings", summary = "The tenant's settings")
    public TenantSettings get() {
        return tenants.settings(tenant.id());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceSettings", summary = "Replace the tenant's settings: model field allowlist, link domains, banned phrases, brand name, sender domains, postal address, "
            + "first-party tracking ({\"tracking\": {\"opens\": false, \"clicks\": true}}; each left out is on)")
    public TenantSettings replace(TenantSettings settings) {
        if (settings == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        return tenants.updateSettings(tenant.id(), settings);
    }
}
