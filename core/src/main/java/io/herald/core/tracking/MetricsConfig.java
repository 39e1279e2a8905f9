package io.herald.core.tracking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the metrics reconcile treats the hours that live counters may still be adding to. */
@ConfigMapping(prefix = "herald.metrics")
public interface MetricsConfig {

    /**
     * How long after an hour ends the reconcile may rewrite its counters: the track worker's live ADDs land in the
     * current hour and (for late provider events) the hours just before it, and a rewrite racing them could lose or
     * double one. Younger hours are left to the live counters and reconciled by a later run.
     */
    @WithDefault("PT10M")
    Duration reconcileSettle();

    /**
     * How long a reconcile may read before it gives up without writing (a 409 naming the worker's {@code reconcile}
     * function): the api sets it below its function's timeout; unset (the worker), a reconcile reads to the end.
     */
    java.util.Optional<Duration> reconcileBudget();

    /** Items read per query while the reconcile pages over a campaign's events and messages (DynamoDB also stops at 1 MB). */
    @WithDefault("1000")
    int reconcilePageSize();
}
