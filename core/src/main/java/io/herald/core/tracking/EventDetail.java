package io.herald.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What only some event types carry.
 *
 * @param bounce hard or soft, for a bounce
 * @param url the link that was followed, for a click
 * @param description the provider's reason or SMTP response, or the provider's own event name, for the timeline
 * @param linkCount how many tracked links the message had, when known (a click token carries it)
 * @param value a conversion's value, or null
 * @param conversionKind a conversion's kind ({@code purchase}, {@code signup}), or null
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventDetail(Bounce bounce, String url, String description, Integer linkCount, Money value, String conversionKind) {

    public static EventDetail none() {
        return new EventDetail(null, null, null, null, null, null);
    }

    public static EventDetail described(String description) {
        return new EventDetail(null, null, description, null, null, null);
    }
}
