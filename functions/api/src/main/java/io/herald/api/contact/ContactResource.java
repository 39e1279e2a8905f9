package io.herald.api.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.core.contact.Contact;
import io.herald.core.contact.ContactService;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/contacts")
@Tag(name = "Contacts", description = "Profiles with attributes, consent, time zone and locale")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final CurrentTenant tenant;
    private final ObjectMapper json;

    public ContactResource(ContactService contacts, CurrentTenant tenant, ObjectMapper json) {
        this.contacts = contacts;
        this.tenant = tenant;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertContacts", summary = "Create or update one contact, or up to 1,000 as {\"contacts\": [...]}")
    @RequestBody(required = true, content = @Content(schema = @Schema(oneOf = {ContactInput.class, ContactBatch.class}), examples = {
            @ExampleObject(name = "one", value = "{\"id\":\"cust-1001\",\"email\":\"li.wei@example.com\",\"attributes\":{\"firstName\":\"Wei\"},\"timezone\":\"Asia/Shanghai\",\"locale\":\"zh-CN\",\"consent\":{\"email\":{\"status\":\"granted\"}}}"),
            @ExampleObject(name = "batch", value = "{\"contacts\":[{\"id\":\"cust-1001\",\"email\":\"li.wei@example.com\"},{\"id\":\"cust-1002\",\"email\":\"ana@example.com\",\"locale\":\"pt-BR\"}]}")}))
    @APIResponse(responseCode = "201", description = "One contact, created", content = @Content(schema = @Schema(implementation = Contact.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field or an invalid value",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"timezone: 'Mars/Olympus' is not an IANA time zone such as Europe/Paris or Asia/Shanghai\",\"instance\":\"/v1/contacts\"}")))
    @APIResponse(responseCode = "200", description = "One contact, updated; or a batch, with a result per item", content = @Content(schema = @Schema(oneOf = {Contact.class, BatchResult.class})))
    public Response upsert(ObjectNode body) throws java.io.IOException {
        if (body == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        if (body.has("contacts")) {
            return Response.ok(BatchResult.of(contacts.upsertAll(tenant.id(), json.treeToValue(body, ContactBatch.class).drafts()))).build();
        }
        ContactService.Upserted result = contacts.upsert(tenant.id(), json.treeToValue(body, ContactInput.class).toDraft());
        return result.created()
                ? Response.created(URI.create("/v1/contacts/" + urlSegment(result.contact().id()))).entity(result.contact()).build()
                : Response.ok(result.contact()).build();
    }

    @GET
    @Operation(operationId = "findContacts", summary = "Find contacts by email address")
    @APIResponse(responseCode = "200", description = "The matching contacts (usually one)")
    public List<Contact> findByEmail(@QueryParam("email") String email) {
        if (email == null) {
            throw HeraldException.invalid("email: the query parameter is required");
        }
        return contacts.findByEmail(tenant.id(), email);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getContact", summary = "Read a contact")
    @APIResponse(responseCode = "200", description = "The contact")
    public Contact get(@PathParam("id") String id) {
        return contacts.get(tenant.id(), id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "eraseContact", summary = "Erase the contact and everything Herald holds about the person (events, generated content, campaign messages)")
    @APIResponse(responseCode = "204", description = "Erased")
    public Response erase(@PathParam("id") String id) {
        contacts.erase(tenant.id(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/export")
    @Operation(operationId = "exportContact", summary = "Everything Herald holds about the person, as one JSON document")
    @APIResponse(responseCode = "200", description = "The profile, its events and the content generated for it")
    public JsonNode export(@PathParam("id") String id) {
        return contacts.export(tenant.id(), id);
    }

    private static String urlSegment(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Up to 1,000 contacts in one request. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "ContactBatch")
    public record ContactBatch(@Schema(required = true, maxItems = 1000) List<ContactInput> contacts) {
        List<io.herald.core.contact.ContactDraft> drafts() {
            if (contacts == null) {
                throw HeraldException.invalid("contacts: required, an array of 1 to 1,000 contacts");
            }
            return contacts.stream().map(contact -> contact == null ? null : contact.toDraft()).toList();
        }
    }
}
