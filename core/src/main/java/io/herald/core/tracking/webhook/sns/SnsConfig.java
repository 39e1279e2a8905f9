package io.herald.core.tracking.webhook.sns;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How Herald talks to Amazon SNS when it verifies and confirms SNS messages. */
@ConfigMapping(prefix = "herald.sns")
public interface SnsConfig {

    /** How long to wait for a connection to SNS (certificate download, subscription confirmation). */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** How long one request to SNS may take, connection included; the fault-tolerance timeout ends the whole call after 5 s. */
    @WithDefault("PT3S")
    Duration requestTimeout();

    /** Signing certificates kept in memory, by URL (SNS signs with few at a time; they change by URL, so none goes stale). */
    @WithDefault("32")
    int cachedCertificates();
}
