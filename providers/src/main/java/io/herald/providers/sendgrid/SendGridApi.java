package io.herald.providers.sendgrid;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** SendGrid's v3 Mail Send endpoint ({@code POST /v3/mail/send}, Bearer API key). */
@Path("/v3/mail/send")
public interface SendGridApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response send(@HeaderParam("Authorization") String authorization, SendGridMessage message);
}
