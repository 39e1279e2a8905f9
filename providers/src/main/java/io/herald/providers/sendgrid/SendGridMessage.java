package io.herald.providers.sendgrid;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/** The v3 Mail Send body for one recipient: one personalization, its {@code custom_args}, the message headers. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendGridMessage(List<Personalization> personalizations, Address from,
        @JsonProperty("reply_to") Address replyTo, List<Content> content, Map<String, String> headers) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Personalization(List<Address> to, String subject, @JsonProperty("custom_args") Map<String, String> customArgs) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(String email, String name) {
    }

    @RegisterForReflection
    public record Content(String type, String value) {
    }
}
