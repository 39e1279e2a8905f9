package io.herald.api.content;

import io.herald.api.auth.CurrentTenant;
import io.herald.api.paging.ListPage;
import io.herald.api.problem.Problem;
import io.herald.core.content.prompt.Prompt;
import io.herald.core.content.prompt.PromptService;
import io.herald.core.errors.HeraldException;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/v1/prompts")
@Tag(name = "Prompts", description = "Versioned prompt templates: each change is an immutable new version")
@Produces(MediaType.APPLICATION_JSON)
public class PromptResource {

    private final PromptService prompts;
    private final CurrentTenant tenant;

    public PromptResource(PromptService prompts, CurrentTenant tenant) {
        this.prompts = prompts;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPrompt", summary = "Create the next version of a named prompt (version 1 for a new name)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PromptInput.class), examples = @ExampleObject(
            name = "winback", value = "{\"name\":\"spring-winback\",\"system\":\"You are the copywriter of {{brand}}. Write in {{language}}.\","
            + "\"user\":\"Write {{variants}} email(s) for {{product}}. Goal: {{goal}}. Link: {{ctaUrl}}\",\"brandVoice\":\"Warm and brief\","
            + "\"profileFields\":[\"locale\",\"attributes.firstName\",\"events\"],\"description\":\"Spring win-back\"}")))
    @APIResponse(responseCode = "201", description = "The new version", content = @Content(schema = @Schema(implementation = Prompt.class)))
    @APIResponse(responseCode = "200", description = "The latest version already has this text, brand voice and profile fields "
            + "(same hash, e.g. a retried request): it is returned and no version is added",
            content = @Content(schema = @Schema(implementation = Prompt.class)))
    @APIResponse(responseCode = "400", description = "Invalid name, an unknown placeholder, an unknown profile field or a part too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(
                    name = "placeholder", value = "{\"type\":\"urn:herald:problem:invalid-input\",\"title\":\"Invalid request\",\"status\":400,"
                    + "\"detail\":\"user: unknown placeholder(s) [{{firstName}}]; use [{{brand}}, {{channel}}, {{ctaUrl}}, {{goal}}, {{language}}, "
                    + "{{network}}, {{product}}, {{tone}}, {{variants}}]\",\"instance\":\"/v1/prompts\"}")))
    @APIResponse(responseCode = "401", description = "Missing or wrong API key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(PromptInput input) {
        if (input == null) {
            throw HeraldException.invalid("a JSON body is required");
        }
        PromptService.Saved saved = prompts.create(tenant.id(), input.toDraft());
        Prompt prompt = saved.prompt();
        URI location = URI.create("/v1/prompts/" + prompt.name() + "/versions/" + prompt.version());
        // A retried create (same text, same fields) must not add a version: it gets the existing one.
        return saved.created() ? Response.created(location).entity(prompt).build()
                : Response.ok(prompt).location(location).build();
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "listPromptVersions", summary = "A prompt's versions, oldest first, a page at a time")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(schema = @Schema(implementation = PromptVersions.class)))
    @APIResponse(responseCode = "404", description = "No prompt of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PromptVersions versions(@PathParam("name") String name, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        PromptService.Versions versions = prompts.versions(tenant.id(), name, cursor, ListPage.limit(limit));
        return new PromptVersions(name, versions.latest(), versions.page().items(), versions.page().next());
    }

    @GET
    @Path("/{name}/versions/{version}")
    @Operation(operationId = "getPromptVersion", summary = "One version of a prompt; 'latest' for the newest")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = Prompt.class)))
    @APIResponse(responseCode = "400", description = "The version is neither a number nor 'latest'",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such prompt or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Prompt version(@PathParam("name") String name, @PathParam("version") String version) {
        if ("latest".equals(version)) {
            return prompts.get(tenant.id(), name, null);
        }
        if (!version.matches("[0-9]{1,9}")) {
            throw HeraldException.invalid("version: '" + version + "' is neither a version number nor 'latest'");
        }
        return prompts.get(tenant.id(), name, Integer.parseInt(version));
    }
}
