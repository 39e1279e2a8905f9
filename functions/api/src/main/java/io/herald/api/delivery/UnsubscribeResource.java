package io.herald.api.delivery;

import io.herald.core.delivery.UnsubscribeHeaders;
import io.herald.core.delivery.UnsubscribeLinks;
import io.herald.core.delivery.UnsubscribeToken;
import io.herald.core.delivery.Unsubscribes;
import io.herald.core.errors.HeraldException;
import io.herald.core.tenant.TenantService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The public one-click unsubscribe of RFC 8058: no API key, no cookies, no redirect. A POST with
 * {@code List-Unsubscribe=One-Click} unsubscribes; a GET only shows a page whose button sends that POST, so a link
 * scanner that follows every link unsubscribes nobody.
 */
@Path("/u/{token}")
@Tag(name = "Unsubscribe", description = "One-click unsubscribe links (RFC 8058), public: the signed token is the authorization")
@SecurityRequirements
public class UnsubscribeResource {

    private final UnsubscribeLinks links;
    private final Unsubscribes unsubscribes;
    private final TenantService tenants;

    public UnsubscribeResource(UnsubscribeLinks links, Unsubscribes unsubscribes, TenantService tenants) {
        this.links = links;
        this.unsubscribes = unsubscribes;
        this.tenants = tenants;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribePage", summary = "A confirmation page with a button; unsubscribes nobody by itself")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "404", description = "The link is not valid (forged, altered or truncated); nothing changed")
    public Response page(@Parameter(description = "The signed token of the link") @PathParam("token") String token) {
        UnsubscribeToken verified = verified(token);
        return UnsubscribePages.html(UnsubscribePages.confirm(brand(verified), token));
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribeOneClick", summary = "Unsubscribe (body List-Unsubscribe=One-Click); repeating it changes nothing")
    @APIResponse(responseCode = "200", description = "Unsubscribed (now or before)")
    @APIResponse(responseCode = "400", description = "The body is not List-Unsubscribe=One-Click; nothing changed")
    @APIResponse(responseCode = "404", description = "The link is not valid (forged, altered or truncated); nothing changed")
    @APIResponse(responseCode = "415", description = "Neither application/x-www-form-urlencoded nor multipart/form-data")
    public Response oneClick(@PathParam("token") String token, @RestForm(UnsubscribeHeaders.LIST_UNSUBSCRIBE) String oneClick) {
        UnsubscribeToken verified = verified(token);
        if (!"One-Click".equals(oneClick)) {
            throw HeraldException.invalid("the body must be " + UnsubscribeHeaders.ONE_CLICK + " (RFC 8058)");
        }
        unsubscribes.oneClick(verified);
        return UnsubscribePages.html(UnsubscribePages.done(brand(verified)));
    }

    private UnsubscribeToken verified(String token) {
        return links.verify(token).orElseThrow(() -> new HeraldException(HeraldException.Kind.NOT_FOUND, "Not found",
                "this unsubscribe link is not valid; use the link of a message exactly as it arrived"));
    }

    private String brand(UnsubscribeToken token) {
        return tenants.settings(token.tenantId()).brandName();
    }
}
