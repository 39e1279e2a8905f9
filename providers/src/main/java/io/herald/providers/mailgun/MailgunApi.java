package io.herald.providers.mailgun;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Mailgun's Messages API ({@code POST /v3/{domain}/messages}, form fields, HTTP Basic {@code api:<key>}). */
@Path("/v3/{domain}/messages")
public interface MailgunApi {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response send(@PathParam("domain") String domain, @HeaderParam("Authorization") String authorization, Form form);
}
