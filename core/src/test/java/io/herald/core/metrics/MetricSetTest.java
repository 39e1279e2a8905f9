package io.herald.core.metrics;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rates name their denominators and fall back to sent only when no delivery was reported; money keeps its digits. */
class MetricSetTest {

    @Test
    void ratesUseDeliveredAndFallBackToSentWithoutDeliveries() {
        Map<String, Long> counters = Map.of("delivered", 80L, "opens.unique.human", 40L, "opens.unique.machine", 30L,
                "clicks.unique.human", 10L, "clicks.total.human", 14L, "conversions", 2L, "bounced.hard", 3L, "bounced.soft", 1L);
        CampaignMetrics.MetricSet set = CampaignMetricsService.metricSet(null, 100, counters);
        assertThat(set.rates().clickRate()).isEqualTo(new CampaignMetrics.Rate(0.125, "clicks.unique.human", "delivered", 10, 80));
        assertThat(set.rates().clickToOpenRate()).isEqualTo(new CampaignMetrics.Rate(0.25, "clicks.unique.human", "opens.unique.human", 10, 40));
        assertThat(set.rates().openRate().value()).isEqualTo(0.5); // machine opens are not in it
        assertThat(set.rates().bounceRate()).isEqualTo(new CampaignMetrics.Rate(0.04, "bounced", "sent", 4, 100));
        assertThat(set.rates().conversionRate().denominator()).isEqualTo("delivered");

        CampaignMetrics.MetricSet smtp = CampaignMetricsService.metricSet("A", 50, Map.of("clicks.unique.human", 5L));
        assertThat(smtp.rates().clickRate()).isEqualTo(new CampaignMetrics.Rate(0.1, "clicks.unique.human", "sent", 5, 50));
        assertThat(smtp.rates().clickToOpenRate().value()).isNull();
        assertThat(CampaignMetricsService.metricSet(null, 0, Map.of()).rates().clickRate().value()).isNull();
    }

    @Test
    void revenueIsADecimalStringInTheCurrencysDigits() {
        assertThat(CampaignMetricsService.decimal(123450, "EUR")).isEqualTo("1234.50");
        assertThat(CampaignMetricsService.decimal(5800, "JPY")).isEqualTo("5800");
        assertThat(CampaignMetricsService.decimal(1234, "KWD")).isEqualTo("1.234");
        assertThat(CampaignMetricsService.decimal(-250, "USD")).isEqualTo("-2.50");
        assertThat(CampaignMetricsService.decimal(7, "ZZZ")).isEqualTo("0.07");
    }
}
