package io.herald.core.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A campaign's results as {@code GET /v1/campaigns/{id}/metrics} answers them: the campaign's totals, the same per
 * variant, and the hourly series of the engagement counters. Machine opens and clicks are kept apart from human
 * ones everywhere, and only human engagement feeds the rates.
 *
 * @param campaignId the campaign
 * @param total the whole campaign
 * @param variants one entry per variant, in the campaign's order (then any variant found only in the counters)
 * @param hourly UTC hours with engagement, oldest first, within the requested {@code from}/{@code to}
 * @param readAt when the counters were read
 */
@RegisterForReflection
public record CampaignMetrics(String campaignId, MetricSet total, List<MetricSet> variants, List<Hour> hourly, Instant readAt) {

    /**
     * The numbers of the campaign or of one variant.
     *
     * @param variant the variant id; absent for the campaign's total
     * @param sent messages the provider accepted (from the send step's progress counters)
     * @param delivered messages the receiving server accepted (provider events; once per message)
     * @param deferred messages delayed at least once (once per message)
     * @param dropped messages the provider refused to send (once per message)
     * @param bounced bounces, hard and soft (each kind once per message)
     * @param complained spam complaints (once per message)
     * @param unsubscribed unsubscribes (once per message)
     * @param opens opens by people and by machines
     * @param clicks clicks by people and by machines (link scanners)
     * @param conversions conversions (every one reported)
     * @param revenue the conversions' value per currency
     * @param rates the ratios, each naming its numerator and denominator
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricSet(String variant, long sent, long delivered, long deferred, long dropped, Bounces bounced, long complained,
            long unsubscribed, Engagement opens, Engagement clicks, long conversions, List<Revenue> revenue, Rates rates) {
    }

    /**
     * Bounces by kind; a message that bounced soft and then hard counts in both.
     *
     * @param total hard + soft
     * @param hard the address does not exist
     * @param soft a temporary failure (mailbox full, greylisting)
     */
    @RegisterForReflection
    public record Bounces(long total, long hard, long soft) {
    }

    /**
     * Opens or clicks, by who caused them.
     *
     * @param human people
     * @param machine privacy proxies, prefetchers, link scanners (never in a rate)
     */
    @RegisterForReflection
    public record Engagement(Count human, Count machine) {
    }

    /**
     * @param unique messages with at least one
     * @param total every one
     */
    @RegisterForReflection
    public record Count(long unique, long total) {
    }

    /**
     * Revenue in one currency.
     *
     * @param currency ISO 4217
     * @param amount the sum as a decimal string in the currency's own digits ({@code "1234.50"}, JPY {@code "1200"})
     * @param minor the same in minor units
     */
    @RegisterForReflection
    public record Revenue(String currency, String amount, long minor) {
    }

    /**
     * The ratios of a metric set; see docs: each rate's {@code denominator} says what it divides by.
     *
     * @param deliveryRate delivered / sent
     * @param openRate human unique opens / delivered (sent when no delivery was reported)
     * @param clickRate human unique clicks / delivered (sent when no delivery was reported)
     * @param clickToOpenRate human unique clicks / human unique opens
     * @param conversionRate conversions / delivered (sent when no delivery was reported)
     * @param bounceRate (hard + soft bounces) / sent
     * @param complaintRate complaints / delivered (sent when no delivery was reported)
     * @param unsubscribeRate unsubscribes / delivered (sent when no delivery was reported)
     */
    @RegisterForReflection
    public record Rates(Rate deliveryRate, Rate openRate, Rate clickRate, Rate clickToOpenRate, Rate conversionRate, Rate bounceRate,
            Rate complaintRate, Rate unsubscribeRate) {
    }

    /**
     * One ratio.
     *
     * @param value numerator / denominator rounded to 4 decimals; null when the denominator is 0
     * @param numerator the counter divided ({@code clicks.unique.human})
     * @param denominator the counter divided by ({@code delivered}, or {@code sent} where no delivery was reported)
     * @param numeratorValue its value
     * @param denominatorValue its value
     */
    @RegisterForReflection
    public record Rate(Double value, String numerator, String denominator, long numeratorValue, long denominatorValue) {
    }

    /**
     * One UTC hour of the series: the engagement counters that changed in it.
     *
     * @param hour its start ({@code 2026-06-02T09:00:00Z})
     * @param counters counter name to value, only those not zero ({@code delivered}, {@code opens.total.human},
     *                 {@code revenue.EUR} in minor units...)
     * @param variants the same per variant
     */
    @RegisterForReflection
    public record Hour(Instant hour, Map<String, Long> counters, Map<String, Map<String, Long>> variants) {
    }
}
