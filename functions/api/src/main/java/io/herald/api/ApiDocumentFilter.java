package io.herald.api;

import io.herald.api.problem.Problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.Map;

/**
 * Completes the generated OpenAPI document with what holds for every operation: the problem+json answers
 * of the filters and mappers, the bearer-key security, and {@code additionalProperties: false} on request
 * schemas (the API refuses unknown fields). Writing these on each resource would repeat them dozens of times.
 */
public class ApiDocumentFilter implements OASFilter {

    private static final Map<String, String> EVERYWHERE = Map.of(
            "400", "Malformed JSON, an unknown field or an invalid value",
            "401", "Missing, unknown or revoked API key",
            "413", "Body larger than the limit",
            "500", "Unexpected failure on Herald's side");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSecurityScheme("apiKey", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A tenant's API key (hk_<tenant>_...), or the operator's admin key for /v1/admin"));
        openAPI.setSecurity(java.util.List.of(OASFactory.createSecurityRequirement().addScheme("apiKey")));
        openAPI.setServers(java.util.List.of(OASFactory.createServer().url("/").description("This Herald deployment")));
        if (openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().values().stream()
                    .filter(schema -> schema.getProperties() != null && schema.getAdditionalPropertiesBoolean() == null
                            && schema.getAdditionalPropertiesSchema() == null)
                    .forEach(schema -> schema.setAdditionalPropertiesBoolean(Boolean.FALSE));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            EVERYWHERE.forEach((status, description) -> {
                if (!(status.equals("401") && (path.startsWith("/u/") || path.startsWith("/t/")))) {
                    addProblem(operation, status, description);
                }
            });
            if (path.contains("{") && !path.startsWith("/t/o/")) {
                addProblem(operation, "404", "No such resource for this tenant");
            }
            operation.getResponses().getAPIResponses().keySet().stream().filter(status -> status.startsWith("4")).toList()
                    .forEach(status -> addProblem(operation, status, null));
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
                addProblem(operation, "415", "The body is not application/json");
            }
        }));
    }

    private static void addProblem(Operation operation, String status, String description) {
        APIResponse response = operation.getResponses().hasAPIResponse(status)
                ? operation.getResponses().getAPIResponse(status)
                : OASFactory.createAPIResponse().description(description);
        if (response.getContent() == null || response.getContent().getMediaTypes().isEmpty()) {
            MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"));
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
        }
        operation.getResponses().addAPIResponse(status, response);
    }


}
