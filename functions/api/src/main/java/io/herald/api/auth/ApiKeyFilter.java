package io.herald.api.auth;

import io.herald.core.errors.HeraldException;
import io.herald.core.tenant.AdminKey;
import io.herald.core.tenant.TenantService;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v1} request: {@code /v1/admin} with the operator's admin key, everything else
 * with a tenant's API key, both as {@code Authorization: Bearer <key>}. The same 401 answers a missing,
 * malformed, unknown and revoked key, so the answer tells an attacker nothing.
 */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final TenantService tenants;
    private final AdminKey adminKey;
    private final CurrentTenant currentTenant;

    public ApiKeyFilter(TenantService tenants, AdminKey adminKey, CurrentTenant currentTenant) {
        this.tenants = tenants;
        this.adminKey = adminKey;
        this.currentTenant = currentTenant;
    }

    @ServerRequestFilter(preMatching = true)
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") && !path.equals("/v1")) {
            return;
        }
        String key = bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (path.startsWith("/v1/admin/") || path.equals("/v1/admin")) {
            if (!adminKey.matches(key)) {
                throw HeraldException.unauthorized("the admin API needs the operator's admin key as 'Authorization: Bearer <key>'");
            }
            return;
        }
        currentTenant.set(tenants.authenticate(key).orElseThrow(
                () -> HeraldException.unauthorized("a valid API key is required as 'Authorization: Bearer <key>'")));
    }

    private static String bearer(String header) {
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length()).strip() : null;
    }
}
