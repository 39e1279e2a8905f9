package io.herald.core.campaign.sending;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the generate step waits out a model rate limit or outage. */
@ConfigMapping(prefix = "herald.generate")
public interface GenerateConfig {

    /** How many times a job is put back on the queue (with the model's retry hint as delay) before it fails to the DLQ. */
    @WithDefault("60")
    int maxRetries();

    /** The delay when the model gave no hint. */
    @WithDefault("PT1M")
    Duration retryDelay();
}
