package io.herald.api.tracking;

import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.firstparty.FirstPartyTracking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;

/**
 * The public open pixel and click redirect written into campaign email: no API key, the signed token is the whole
 * authorization. The pixel answers the same image whatever the token, so it tells a prober nothing; the redirect goes
 * only to the URL inside a token Herald signed (no open redirect), and refuses anything else with a 404.
 */
@Path("/t")
@Tag(name = "Tracking", description = "Open pixel and click redirect in campaign email; public, the signed token is the authorization")
@SecurityRequirements
public class TrackingResource {

    /** The smallest transparent GIF: 1x1, one transparent colour, 43 bytes. */
    static final byte[] PIXEL = {
            0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, (byte) 0x80, 0x00, 0x00,
            0x00, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0x21, (byte) 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00,
            0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
            0x02, 0x02, 0x44, 0x01, 0x00, 0x3B};
    static final String NO_STORE = "no-store, no-cache, must-revalidate, max-age=0";

    private final FirstPartyTracking tracking;

    public TrackingResource(FirstPartyTracking tracking) {
        this.tracking = tracking;
    }

    @GET
    @Path("/o/{token}")
    @Operation(operationId = "openPixel", summary = "The open pixel: a 1x1 transparent GIF, never cached; records an open when the token is valid")
    @APIResponse(responseCode = "200", description = "The 43-byte GIF, whatever the token (an invalid one records nothing)",
            content = @Content(mediaType = "image/gif", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response open(@Parameter(description = "The signed open token") @PathParam("token") String token, HttpHeaders headers,
            @Context HttpServerRequest request) {
        return pixel(token, headers, request, "GET");
    }

    @HEAD
    @Path("/o/{token}")
    @Operation(operationId = "openPixelHead", summary = "The open pixel's headers; recorded as a machine open (no person sends HEAD)")
    @APIResponse(responseCode = "200", description = "The GIF's headers")
    public Response openHead(@PathParam("token") String token, HttpHeaders headers, @Context HttpServerRequest request) {
        return pixel(token, headers, request, "HEAD");
    }

    @GET
    @Path("/c/{token}")
    @Operation(operationId = "clickRedirect", summary = "The click redirect: 302 to exactly the URL signed into the token; records the click")
    @APIResponse(responseCode = "302", description = "Found: Location is the link's own URL")
    @APIResponse(responseCode = "404", description = "The token is not one Herald signed (forged, altered or truncated); no redirect")
    public Response click(@Parameter(description = "The signed click token") @PathParam("token") String token, HttpHeaders headers,
            @Context HttpServerRequest request) {
        return redirect(token, headers, request, "GET");
    }

    @HEAD
    @Path("/c/{token}")
    @Operation(operationId = "clickRedirectHead", summary = "The click redirect's headers; recorded as a machine click (link scanners send HEAD)")
    @APIResponse(responseCode = "302", description = "Found: Location is the link's own URL")
    @APIResponse(responseCode = "404", description = "The token is not one Herald signed")
    public Response clickHead(@PathParam("token") String token, HttpHeaders headers, @Context HttpServerRequest request) {
        return redirect(token, headers, request, "HEAD");
    }

    private Response pixel(String token, HttpHeaders headers, HttpServerRequest request, String method) {
        tracking.open(token, evidence(headers, request, method));
        return Response.ok(PIXEL, "image/gif").header("Cache-Control", NO_STORE).header("Pragma", "no-cache").header("Expires", "0").build();
    }

    private Response redirect(String token, HttpHeaders headers, HttpServerRequest request, String method) {
        String url = tracking.click(token, evidence(headers, request, method)).orElseThrow(() -> new HeraldException(
                HeraldException.Kind.NOT_FOUND, "Not found", "this link is not valid; use the link of a message exactly as it arrived"));
        return Response.status(Response.Status.FOUND).header("Location", location(url)).header("Cache-Control", NO_STORE)
                .header("Referrer-Policy", "no-referrer").build();
    }

    /**
     * Who asked: the User-Agent, and the client address: X-Forwarded-For's last hop, the one API Gateway appended from
     * the connection it saw (the hops before it are whatever the client wrote), else the peer.
     */
    static Evidence evidence(HttpHeaders headers, HttpServerRequest request, String method) {
        String agent = headers.getHeaderString(HttpHeaders.USER_AGENT);
        if (agent != null && agent.length() > 512) {
            agent = agent.substring(0, 512);
        }
        String ip = null;
        String forwarded = headers.getHeaderString("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            ip = hops[hops.length - 1].strip();
        }
        if ((ip == null || ip.isEmpty()) && request != null && request.remoteAddress() != null) {
            ip = request.remoteAddress().hostAddress();
        }
        if (ip != null && (ip.isEmpty() || ip.length() > 64)) {
            ip = null;
        }
        return new Evidence(agent, ip, method, null);
    }

    /**
     * The signed URL as a Location header: byte for byte, except that a space, a control or a non-ASCII character
     * (which a header cannot carry) is percent-encoded as UTF-8, the way a browser would request it anyway.
     */
    static String location(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
