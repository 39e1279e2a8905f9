package io.herald.core.tracking.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Outbound webhooks: what an endpoint may be, how long a delivery is tried, and when an endpoint is given up. */
@ConfigMapping(prefix = "herald.webhooks")
public interface WebhookConfig {

    /** Accept {@code http://} endpoint URLs (HERALD_WEBHOOKS_ALLOW_HTTP): only for local runs and tests. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Deliver to loopback, private, link-local, multicast and cloud-metadata addresses (HERALD_WEBHOOKS_ALLOW_PRIVATE_TARGETS):
     * only for local runs and tests. Off, a URL whose host resolves to one of them is refused at delivery time.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** How long one attempt may take, connection and answer included. */
    @WithDefault("PT5S")
    Duration timeout();

    /**
     * The waits before the 2nd, 3rd, ... attempt (the first is immediate): the Standard Webhooks example schedule,
     * about 27.6 hours in all. Each retry is a new queue message, so the queue's maxReceiveCount does not limit it.
     */
    @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
    List<Duration> retrySchedule();

    /**
     * Consecutive deliveries whose every attempt failed, after which the endpoint is disabled (a 2xx resets the
     * count; a 410 Gone disables at once). With the default schedule, 5 means more than a day of failing.
     */
    @WithDefault("5")
    int disableAfterFailures();

    /** How long the secret replaced by a rotation keeps signing beside the new one. */
    @WithDefault("PT24H")
    Duration previousSecretLifetime();

    /** How long the delivery log keeps an attempt (DynamoDB TTL). */
    @WithDefault("P30D")
    Duration logRetention();

    /** Endpoints per tenant, at most. */
    @WithDefault("20")
    int maxEndpoints();
}
