package io.herald.core.campaign.content;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the worker generates campaign content. The model call's circuit breaker follows {@code herald.generation.*};
 * there are no retries inside an invocation: the queue retries.
 */
@ConfigMapping(prefix = "herald.campaign-content")
public interface CampaignContentConfig {

    /** Longest wait for one model call from the worker; keep it well inside the generate function's timeout. */
    @WithDefault("20s")
    Duration modelTimeout();

    /** Delay before a generation is tried again after a rate limit or an outage when the server names none. */
    @WithDefault("30s")
    Duration retryDelay();

    /** Longest delay a generation is put back with (SQS allows at most 15 minutes). */
    @WithDefault("15m")
    Duration maxRetryDelay();

    /** How long one invocation's claim on a group's generation holds; after it, another invocation may take over. */
    @WithDefault("2m")
    Duration claimDuration();

    /** Delay given to an invocation that finds another one generating the same group's content. */
    @WithDefault("5s")
    Duration claimedRetryDelay();

    /** Tokens reserved from the per-recipient budget before each call when the campaign sets no maxTokens. */
    @WithDefault("1500")
    long tokenReservation();

    /**
     * How long one worker instance remembers a group's ready or held content, so that sending a batch of its
     * recipients reads the store once rather than once per message; 0 disables it. A changed tenant setting or a new
     * latest prompt version reaches a running campaign after at most this long.
     */
    @WithDefault("60s")
    Duration memory();
}
