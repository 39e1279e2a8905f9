package io.herald.providers.postmark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The body of Postmark's single send, in Postmark's PascalCase field names; Postmark's own open and link tracking
 * is off ({@code TrackOpens: false}, {@code TrackLinks: None}) whatever the server's default, since Herald tracks.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostmarkMessage(
        @JsonProperty("From") String from,
        @JsonProperty("To") String to,
        @JsonProperty("ReplyTo") String replyTo,
        @JsonProperty("Subject") String subject,
        @JsonProperty("HtmlBody") String htmlBody,
        @JsonProperty("TextBody") String textBody,
        @JsonProperty("MessageStream") String messageStream,
        @JsonProperty("Headers") List<Header> headers,
        @JsonProperty("Metadata") Map<String, String> metadata,
        @JsonProperty("TrackOpens") Boolean trackOpens,
        @JsonProperty("TrackLinks") String trackLinks) {

    /** {@code TrackLinks} when Postmark must leave links alone (Herald rewrites them itself). */
    public static final String NO_LINK_TRACKING = "None";

    @RegisterForReflection
    public record Header(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {
    }
}
