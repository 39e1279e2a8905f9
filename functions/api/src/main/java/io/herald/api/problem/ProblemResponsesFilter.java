package io.herald.api.problem;

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
 * Documents, on every operation, the problem+json answers that the filters and mappers give everywhere,
 * and the bearer-key security: writing them on each resource method would repeat them dozens of times.
 */
public class ProblemResponsesFilter implements OASFilter {

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
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            EVERYWHERE.forEach((status, description) -> addProblem(operation, status, description));
            if (path.contains("{")) {
                addProblem(operation, "404", "No such resource for this tenant");
            }
            if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
                addProblem(operation, "415", "The body is not application/json");
            }
        }));
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses().hasAPIResponse(status)) {
            return;
        }
        MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"));
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, problem));
        operation.getResponses().addAPIResponse(status, response);
    }


}
