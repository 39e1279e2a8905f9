package io.herald.core.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Defaults and limits of campaigns. */
@ConfigMapping(prefix = "herald.campaigns")
public interface CampaignsConfig {

    /** Messages per minute of a campaign that names no rateLimitPerMinute. */
    @WithDefault("600")
    int defaultRateLimitPerMinute();

    /** Most due campaigns one planner run takes from each shard of the due index; the rest wait for the next run. */
    @WithDefault("250")
    int duePerShard();
}
