package io.herald.core.tracking.webhook;

import io.herald.core.tracking.TrackedEvent;

import java.util.List;

/**
 * What a verified webhook came to.
 *
 * @param events the events to apply, in payload order (empty for an SNS subscription confirmation)
 * @param ignored one line per part of the payload that was accepted but maps to no event (an unknown event type,
 *                a provider's own bookkeeping event), for the log
 * @param note what the receiver did besides, for the log and the response ({@code subscription confirmed}), or null
 */
public record WebhookOutcome(List<TrackedEvent> events, List<String> ignored, String note) {

    public WebhookOutcome {
        events = events == null ? List.of() : List.copyOf(events);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }
}
