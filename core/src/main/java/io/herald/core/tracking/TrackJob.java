package io.herald.core.tracking;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One message on the track queue: events received for one tenant, verified already, to be applied by the track
 * worker. The tenant is the receiver's (from its URL and secrets), never one a payload names.
 *
 * @param tenantId the receiving tenant
 * @param source where they came from ({@code sendgrid}, {@code mailgun}, {@code postmark}, {@code ses},
 *               {@code pixel}, {@code redirect}, {@code conversion}, {@code unsubscribe})
 * @param receivedAt when Herald received them
 * @param events the events, at most {@link TrackQueue#MAX_EVENTS_PER_JOB}
 */
@RegisterForReflection
public record TrackJob(String tenantId, String source, Instant receivedAt, List<TrackedEvent> events) {

    public TrackJob {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
