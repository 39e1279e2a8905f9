package io.herald.core.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The SQS queues the worker functions read and the planner and the api write. */
@ConfigMapping(prefix = "herald.queues")
public interface QueueConfig {

    /** URL of the send queue: one message per recipient (HERALD_QUEUES_SEND_URL). The default is the local stack's. */
    @WithDefault("http://127.0.0.1:9324/000000000000/herald-send")
    String sendUrl();

    /** URL of the generate queue: one message per content group x variant (HERALD_QUEUES_GENERATE_URL). */
    @WithDefault("http://127.0.0.1:9324/000000000000/herald-generate")
    String generateUrl();

    /** URL of the track queue: verified provider events and first-party opens, clicks and conversions (HERALD_QUEUES_TRACK_URL). */
    @WithDefault("http://127.0.0.1:9324/000000000000/herald-track")
    String trackUrl();

    /** URL of the outbound webhook queue: one delivery to one tenant endpoint per message (HERALD_QUEUES_WEBHOOKS_URL). */
    @WithDefault("http://127.0.0.1:9324/000000000000/herald-webhooks")
    String webhooksUrl();
}
