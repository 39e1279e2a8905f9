package io.herald.core.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * What has happened to a campaign's recipients so far, summed over the counter shards.
 *
 * @param planned recipients given a send time
 * @param queued messages put on the send queue
 * @param sent messages a provider accepted
 * @param failed messages a provider refused for good, by reason
 * @param suppressed recipients not sent to because their address is suppressed or unsubscribed
 * @param skipped recipients not sent to for another reason ({@code noConsent}, {@code noEmail})
 * @param unknown messages whose outcome is unknown (the send step stopped between the provider call and the record)
 * @param held recipients waiting because the model could not write their content and the campaign does not fall back
 * @param model model calls, tokens and their estimated cost
 * @param readAt when these counts were read
 */
@RegisterForReflection
public record Progress(long planned, long queued, long sent, Breakdown failed, long suppressed, Breakdown skipped, long unknown,
        long held, ModelUsage model, Instant readAt) {

    /**
     * A count and its parts.
     *
     * @param total the sum of the parts
     * @param reasons the count of each reason
     */
    @RegisterForReflection
    public record Breakdown(long total, Map<String, Long> reasons) {
    }

    /**
     * What the campaign's content cost in model use.
     *
     * @param calls model calls made
     * @param inputTokens prompt tokens
     * @param outputTokens completion tokens
     * @param estimatedCost the estimated cost of those tokens
     */
    @RegisterForReflection
    public record ModelUsage(long calls, long inputTokens, long outputTokens, CostEstimate estimatedCost) {
    }
}
