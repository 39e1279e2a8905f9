package io.herald.providers.postmark;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Postmark's Email API ({@code POST /email}, {@code X-Postmark-Server-Token}, JSON in and out). */
@Path("/email")
public interface PostmarkApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("X-Postmark-Server-Token") String serverToken, PostmarkMessage message);
}
