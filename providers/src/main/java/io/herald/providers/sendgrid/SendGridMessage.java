package io.herald.providers.sendgrid;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The v3 Mail Send body for one recipient: one personalization, its {@code custom_args}, the message headers, and
 * SendGrid's own click and open tracking turned off (Herald tracks first-party; two trackers would double the
 * redirects and the counts).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendGridMessage(List<Personalization> personalizations, Address from,
        @JsonProperty("reply_to") Address replyTo, List<Content> content, Map<String, String> headers,
        @JsonProperty("tracking_settings") TrackingSettings trackingSettings) {

    /** {@code tracking_settings}: click tracking (HTML and text) and open tracking, each with its {@code enable} switch. */
    @RegisterForReflection
    public record TrackingSettings(@JsonProperty("click_tracking") ClickTracking clickTracking,
            @JsonProperty("open_tracking") Switch openTracking) {

        public static TrackingSettings off() {
            return new TrackingSettings(new ClickTracking(false, false), new Switch(false));
        }
    }

    @RegisterForReflection
    public record ClickTracking(boolean enable, @JsonProperty("enable_text") boolean enableText) {
    }

    @RegisterForReflection
    public record Switch(boolean enable) {
    }

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
