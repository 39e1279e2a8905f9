package io.herald.core.campaign.sending;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the send step works through a batch. */
@ConfigMapping(prefix = "herald.send")
public interface SendConfig {

    /** How many sends of one batch run at once: the provider's latency, not Herald, then bounds throughput. */
    @WithDefault("16")
    int concurrency();

    /**
     * How long a claim protects a send in flight. Must be at least the send function's timeout: a {@code sending}
     * message found after its lease belongs to an invocation that died, and becomes {@code unknown}.
     */
    @WithDefault("PT5M")
    Duration lease();

    /** The pause before a retryable provider failure is tried again, when the provider gave no retry hint. */
    @WithDefault("PT1M")
    Duration retryDelay();

    /** The pause before a job whose content is not ready (being written, or held) looks again. */
    @WithDefault("PT2M")
    Duration contentWait();

    /** How many times a job waits for its content before it fails (and, after the queue's receives, reaches the DLQ). */
    @WithDefault("90")
    int maxContentWaits();
}
