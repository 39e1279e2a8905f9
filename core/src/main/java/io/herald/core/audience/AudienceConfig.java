package io.herald.core.audience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How audiences are counted and walked. */
@ConfigMapping(prefix = "herald.audience")
public interface AudienceConfig {

    /** Longest a preview counts before it answers with what it has ({@code complete: false}); below the API's 30 s. */
    @WithDefault("20s")
    Duration previewBudget();

    /** Matching contacts a preview shows. */
    @WithDefault("10")
    int previewSample();

    /** Contact walks a preview runs at once (each over its own shards); the work is DynamoDB round trips, not CPU. */
    @WithDefault("16")
    int previewParallelism();

    /** Most contacts one {@code matches} step evaluates, so a rare segment still answers each step quickly. */
    @WithDefault("1000")
    int maxEvaluatedPerPage();

    /** Most events read for one contact's evaluation, newest first: a bound on one contact's cost (older ones beyond it are not seen). */
    @WithDefault("10000")
    int maxEventsPerContact();
}
