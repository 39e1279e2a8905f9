package io.herald.core.tracking;

import java.util.List;
import java.util.Optional;

/**
 * Reads a track-queue body that is not a {@link TrackJob}: what a provider delivers straight into SQS (SES events
 * through SNS). The queue is writable only by the provider's topic (its queue policy), so the body needs no
 * signature; the tenant comes from Herald's own tag on the message and the message is still looked up only in it.
 */
public interface ProviderQueueEvents {

    /** The jobs in the body, or empty when the body is not this provider's. */
    Optional<List<TrackJob>> decode(String body);
}
