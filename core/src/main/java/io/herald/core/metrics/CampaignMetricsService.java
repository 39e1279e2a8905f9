package io.herald.core.metrics;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.CampaignStatus;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.sending.ProgressReconciler;
import io.herald.core.errors.HeraldException;
import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import io.herald.core.tracking.MetricDeltas;
import io.herald.core.tracking.MetricsConfig;
import io.herald.core.tracking.MetricsReconciler;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A campaign's metrics, read from its counters (the engagement counter items summed over their shards, the sent
 * counts from its progress), and the reconcile that rebuilds those counters from the stored events and messages.
 */
@ApplicationScoped
public class CampaignMetricsService {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMddHH");

    private final CampaignService campaigns;
    private final CampaignProgress progress;
    private final Store store;
    private final MetricsReconciler engagement;
    private final ProgressReconciler messages;
    private final MetricsConfig config;
    private final Clock clock;

    public CampaignMetricsService(CampaignService campaigns, CampaignProgress progress, Store store, MetricsReconciler engagement,
            ProgressReconciler messages, MetricsConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.progress = progress;
        this.store = store;
        this.engagement = engagement;
        this.messages = messages;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What a reconcile did.
     *
     * @param campaignId the campaign
     * @param status its state (the progress counters are rewritten only once it is completed or cancelled)
     * @param engagement the engagement counters' recount from the stored events
     * @param progress the message-derived progress counters' recount from the message records
     * @param startedAt when it started
     * @param tookMs how long it took
     */
    @RegisterForReflection
    public record Reconciled(String campaignId, CampaignStatus status, MetricsReconciler.Report engagement, ProgressReconciler.Report progress,
            Instant startedAt, long tookMs) {
    }

    /** Recounts the campaign's counters from its stored events and message records (404 for another tenant's campaign). */
    public Reconciled reconcile(String tenantId, String campaignId) {
        Instant started = clock.instant();
        long start = System.nanoTime();
        Campaign campaign = campaigns.get(tenantId, campaignId);
        Instant deadline = config.reconcileBudget().map(Instant.now()::plus).orElse(null); // wall time, whatever the clock says
        MetricsReconciler.Report events = engagement.reconcile(tenantId, campaign.id(), deadline);
        ProgressReconciler.Report records = messages.reconcile(campaign, config.reconcilePageSize(), deadline);
        return new Reconciled(campaign.id(), campaign.status(), events, records, started, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The campaign's metrics; {@code from} (inclusive, truncated to its hour) and {@code to} (exclusive) filter only
     * the hourly series.
     */
    public CampaignMetrics read(String tenantId, String campaignId, Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw HeraldException.invalid("from: must be before to");
        }
        Campaign campaign = campaigns.get(tenantId, campaignId);
        Instant readAt = clock.instant();
        Map<String, Long> progressTotals = progress.totals(tenantId, campaign.id());
        Map<String, Map<String, Long>> sentByVariant = CampaignProgress.byVariant(progressTotals);
        Map<String, Map<String, Long>> byVariant = new TreeMap<>();
        Map<String, Long> total = new TreeMap<>();
        Map<String, Map<String, Map<String, Long>>> byHour = new TreeMap<>();
        store.numbersBySortKey(Keys.campaign(tenantId, campaign.id()), KeyRange.prefix(Keys.metricsPrefix())).forEach((sk, numbers) -> {
            MetricsReconciler.CounterKey key = MetricsReconciler.CounterKey.parse(sk);
            if (key == null) {
                return;
            }
            Map<String, Long> variant = byVariant.computeIfAbsent(key.variant(), v -> new TreeMap<>());
            Map<String, Long> hour = byHour.computeIfAbsent(key.hour(), h -> new TreeMap<>()).computeIfAbsent(key.variant(), v -> new TreeMap<>());
            numbers.forEach((counter, value) -> {
                total.merge(counter, value, Long::sum);
                variant.merge(counter, value, Long::sum);
                hour.merge(counter, value, Long::sum);
            });
        });
        Set<String> variantIds = new LinkedHashSet<>();
        campaign.variants().stream().map(VariantSpec::id).forEach(variantIds::add);
        variantIds.addAll(byVariant.keySet());
        variantIds.addAll(sentByVariant.keySet());
        List<CampaignMetrics.MetricSet> variants = new ArrayList<>();
        for (String id : variantIds) {
            long sent = sentByVariant.getOrDefault(id, Map.of()).getOrDefault(CampaignProgress.SENT, 0L);
            variants.add(metricSet(id, sent, byVariant.getOrDefault(id, Map.of())));
        }
        return new CampaignMetrics(campaign.id(), metricSet(null, progressTotals.getOrDefault(CampaignProgress.SENT, 0L), total), variants,
                hourly(byHour, from, to), readAt);
    }

    private static List<CampaignMetrics.Hour> hourly(Map<String, Map<String, Map<String, Long>>> byHour, Instant from, Instant to) {
        Instant first = from == null ? null : from.truncatedTo(ChronoUnit.HOURS);
        List<CampaignMetrics.Hour> series = new ArrayList<>();
        byHour.forEach((hourKey, variants) -> {
            Instant hour = LocalDateTime.parse(hourKey, HOUR).toInstant(ZoneOffset.UTC);
            if ((first != null && hour.isBefore(first)) || (to != null && !hour.isBefore(to))) {
                return;
            }
            Map<String, Long> counters = new TreeMap<>();
            Map<String, Map<String, Long>> perVariant = new TreeMap<>();
            variants.forEach((variant, numbers) -> numbers.forEach((counter, value) -> {
                if (value != 0) {
                    counters.merge(counter, value, Long::sum);
                    perVariant.computeIfAbsent(variant, v -> new TreeMap<>()).put(counter, value);
                }
            }));
            counters.values().removeIf(v -> v == 0);
            if (!counters.isEmpty()) {
                series.add(new CampaignMetrics.Hour(hour, counters, perVariant));
            }
        });
        return series;
    }

    static CampaignMetrics.MetricSet metricSet(String variant, long sent, Map<String, Long> c) {
        long delivered = c.getOrDefault(MetricDeltas.DELIVERED, 0L);
        long hard = c.getOrDefault(MetricDeltas.BOUNCED_HARD, 0L);
        long soft = c.getOrDefault(MetricDeltas.BOUNCED_SOFT, 0L);
        long complained = c.getOrDefault(MetricDeltas.COMPLAINED, 0L);
        long unsubscribed = c.getOrDefault(MetricDeltas.UNSUBSCRIBED, 0L);
        long conversions = c.getOrDefault(MetricDeltas.CONVERSIONS, 0L);
        CampaignMetrics.Engagement opens = engagement(c, "opens");
        CampaignMetrics.Engagement clicks = engagement(c, "clicks");
        List<CampaignMetrics.Revenue> revenue = new ArrayList<>();
        c.forEach((counter, minor) -> {
            if (counter.startsWith(MetricDeltas.REVENUE_PREFIX) && minor != 0) {
                String currency = counter.substring(MetricDeltas.REVENUE_PREFIX.length());
                revenue.add(new CampaignMetrics.Revenue(currency, decimal(minor, currency), minor));
            }
        });
        boolean deliveries = delivered > 0;
        String base = deliveries ? MetricDeltas.DELIVERED : "sent";
        long baseValue = deliveries ? delivered : sent;
        CampaignMetrics.Rates rates = new CampaignMetrics.Rates(
                rate(MetricDeltas.DELIVERED, delivered, "sent", sent),
                rate("opens.unique.human", opens.human().unique(), base, baseValue),
                rate("clicks.unique.human", clicks.human().unique(), base, baseValue),
                rate("clicks.unique.human", clicks.human().unique(), "opens.unique.human", opens.human().unique()),
                rate(MetricDeltas.CONVERSIONS, conversions, base, baseValue),
                rate("bounced", hard + soft, "sent", sent),
                rate(MetricDeltas.COMPLAINED, complained, base, baseValue),
                rate(MetricDeltas.UNSUBSCRIBED, unsubscribed, base, baseValue));
        return new CampaignMetrics.MetricSet(variant, sent, delivered, c.getOrDefault(MetricDeltas.DEFERRED, 0L),
                c.getOrDefault(MetricDeltas.DROPPED, 0L), new CampaignMetrics.Bounces(hard + soft, hard, soft), complained, unsubscribed,
                opens, clicks, conversions, revenue, rates);
    }

    private static CampaignMetrics.Engagement engagement(Map<String, Long> c, String family) {
        return new CampaignMetrics.Engagement(
                new CampaignMetrics.Count(c.getOrDefault(family + ".unique.human", 0L), c.getOrDefault(family + ".total.human", 0L)),
                new CampaignMetrics.Count(c.getOrDefault(family + ".unique.machine", 0L), c.getOrDefault(family + ".total.machine", 0L)));
    }

    static CampaignMetrics.Rate rate(String numerator, long numeratorValue, String denominator, long denominatorValue) {
        Double value = denominatorValue == 0 ? null
                : BigDecimal.valueOf(numeratorValue).divide(BigDecimal.valueOf(denominatorValue), 4, RoundingMode.HALF_EVEN).doubleValue();
        return new CampaignMetrics.Rate(value, numerator, denominator, numeratorValue, denominatorValue);
    }

    /** Minor units as a decimal string in the currency's digits (2 for an unknown code). */
    static String decimal(long minor, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            // not an ISO 4217 code Java knows: cents
        }
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

}
