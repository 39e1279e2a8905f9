package io.herald.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail: what every error response of Herald's API carries. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details, served as application/problem+json")
public record Problem(
        @Schema(description = "Identifies the kind of problem", examples = "urn:herald:problem:invalid-input") String type,
        @Schema(description = "Short summary of the kind of problem", examples = "Invalid request") String title,
        @Schema(description = "HTTP status code", examples = "400") int status,
        @Schema(description = "What went wrong with this request, precisely", examples = "timezone: 'Mars/Olympus' is not an IANA time zone such as Europe/Paris or Asia/Shanghai") String detail,
        @Schema(description = "The request path", examples = "/v1/contacts") String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
