package io.herald.api.content;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.problem.Problem;
import io.herald.core.content.ContentService;
import io.herald.core.content.GeneratedContent;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/v1/content")
@Tag(name = "Content", description = "Generated, checked marketing content with its audit record")
@Produces(MediaType.APPLICATION_JSON)
public class ContentResource {

    static final String EXAMPLE_REQUEST = "{\"contactId\":\"cust-1001\",\"channel\":\"email\",\"brief\":{\"goal\":\"Bring back customers "
            + "who have not ordered for 90 days\",\"product\":\"the Spring Collection\",\"ctaUrl\":\"https://shop.example.com/spring\","
            + "\"tone\":\"warm\",\"language\":\"zh-CN\"},\"variants\":2,\"parameters\":{\"temperature\":0.7,\"maxTokens\":800,\"seed\":42}}";
    static final String EXAMPLE_RESPONSE = "{\"id\":\"5b0f3c1e-8f0e-4a52-9a53-6f4f4b7c2d10\",\"contactId\":\"cust-1001\",\"channel\":\"email\","
            + "\"brief\":{\"goal\":\"Bring back customers who have not ordered for 90 days\",\"product\":\"the Spring Collection\","
            + "\"ctaUrl\":\"https://shop.example.com/spring\",\"tone\":\"warm\",\"language\":\"zh-CN\"},\"variants\":[{\"index\":1,"
            + "\"subject\":\"伟，春季新品到了\",\"preheader\":\"专为您挑选\",\"html\":\"<p>伟，您好：</p><p><a href=\\\"https://shop.example.com/spring\\\" "
            + "rel=\\\"noopener noreferrer\\\">了解详情</a></p>\",\"text\":\"伟，您好：\\n\\n了解详情 (https://shop.example.com/spring)\","
            + "\"ctaUrl\":\"https://shop.example.com/spring\",\"checks\":[{\"name\":\"links\",\"passed\":true,\"detail\":\"1 allowed link(s)\"}]}],"
            + "\"checksPassed\":true,\"source\":\"llm\",\"model\":\"gpt-4o-mini\",\"prompt\":{\"name\":\"builtin.email\",\"version\":1,\"hash\":\"9f2c...\"},"
            + "\"parameters\":{\"model\":\"gpt-4o-mini\",\"temperature\":0.7,\"maxTokens\":800,\"seed\":42},\"seed\":42,"
            + "\"usage\":{\"input\":612,\"output\":254,\"total\":866},\"finishReason\":\"stop\",\"latencyMs\":2140,"
            + "\"repair\":{\"attempted\":false,\"succeeded\":false},\"createdAt\":\"2026-03-02T09:15:00Z\"}";

    static final String CHECKS_PASSED = "True when every check of every variant passed. Model content is returned only when it passes; "
            + "template content is returned even when a check fails (e.g. the brief's product contains a banned phrase): false means "
            + "review before sending.";

    private final ContentService content;
    private final CurrentTenant tenant;

    public ContentResource(ContentService content, CurrentTenant tenant) {
        this.content = content;
        this.tenant = tenant;
    }

    @POST
    @Path("/generate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "generateContent", summary = "Generate checked content variants for a contact or an inline profile",
            description = "The model (any OpenAI-compatible server) writes the variants; every variant is checked (links, placeholders, "
                    + "length, banned phrases, sanitized HTML). A failed check gets one repair attempt, then the deterministic template "
                    + "composer writes the content, as it does when no model is configured; source and fallbackReason say which happened. "
                    + "checksPassed is true when every check of every variant passed: model content always passes, template content "
                    + "can fail a check (e.g. a banned phrase in the brief's product), and then needs review before it is sent. "
                    + "parameters.model must be one of the operator's allowed models (herald.generation.allowed-models).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = GenerateInput.class),
            examples = @ExampleObject(name = "email", value = EXAMPLE_REQUEST)))
    @APIResponse(responseCode = "201", description = "Generated and stored; Location points to it",
            content = @Content(schema = @Schema(implementation = GeneratedContent.class, properties = @SchemaProperty(name = "checksPassed",
                    type = SchemaType.BOOLEAN, description = CHECKS_PASSED)), examples = @ExampleObject(name = "email", value = EXAMPLE_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown field, an invalid brief or parameter, a model the operator does not allow, too many variants",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(
                    name = "variants", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"variants: 9 is outside 1 to 5\",\"instance\":\"/v1/content/generate\"}")))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown contact or prompt",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response generate(GenerateInput input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        GeneratedContent generated = content.generate(tenant.id(), input.toRequest());
        return Response.created(URI.create("/v1/content/" + generated.id())).entity(generated).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getContent", summary = "Read generated content with its audit record")
    @APIResponse(responseCode = "200", description = "The stored record", content = @Content(schema = @Schema(implementation = GeneratedContent.class)))
    @APIResponse(responseCode = "404", description = "No content with that id for this tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public GeneratedContent get(@PathParam("id") String id) {
        return content.get(tenant.id(), id);
    }
}
