package io.herald.core.audience;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * How many of a tenant's contacts a segment version matches, counted within a time budget.
 *
 * @param segment the version counted
 * @param count matching contacts among those evaluated
 * @param evaluated contacts evaluated; all of the tenant's when {@code complete}
 * @param complete false when the budget ran out first: then {@code count} is a lower bound
 * @param sample up to the configured number of matching contacts
 * @param countedAt the instant the rule was evaluated at (event windows end there)
 * @param elapsedMs how long the count took
 */
@RegisterForReflection
public record Preview(SegmentRef segment, long count, long evaluated, boolean complete, List<PreviewContact> sample,
        Instant countedAt, long elapsedMs) {
}
