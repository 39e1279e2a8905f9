package io.herald.core.campaign;

import io.herald.core.store.KeyRange;
import io.herald.core.store.Keys;
import io.herald.core.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A campaign's progress counters. A fast send would make one counter item hot, so each campaign has
 * {@value #SHARDS} shard items (sort keys {@code PROGRESS#0} to {@code PROGRESS#7} in the campaign's partition): a
 * writer adds to one at random with UpdateItem ADD, a reader sums all of them in one query. The counters are a cache
 * that a reconcile step can recompute from the message items.
 *
 * <p>Counter names: {@value #PLANNED}, {@value #QUEUED}, {@value #SENT}, {@code failed.<reason>}, {@value #SUPPRESSED},
 * {@code skipped.<reason>} ({@value #SKIPPED_NO_CONSENT}, {@value #SKIPPED_NO_EMAIL}), {@value #UNKNOWN}, {@value #HELD},
 * {@value #MODEL_CALLS}, {@code tokens.input[.<model>]}, {@code tokens.output[.<model>]} (without a model, the
 * configured default model).
 */
@ApplicationScoped
public class CampaignProgress {

    public static final String PLANNED = "planned";
    public static final String QUEUED = "queued";
    public static final String SENT = "sent";
    public static final String SUPPRESSED = "suppressed";
    public static final String SKIPPED_NO_CONSENT = "skipped.noConsent";
    public static final String SKIPPED_NO_EMAIL = "skipped.noEmail";
    public static final String UNKNOWN = "unknown";
    public static final String HELD = "held";
    public static final String MODEL_CALLS = "modelCalls";
    public static final String TOKENS_INPUT = "tokens.input";
    public static final String TOKENS_OUTPUT = "tokens.output";
    static final String FAILED = "failed.";
    static final String SKIPPED = "skipped.";
    static final int SHARDS = 8;
    private static final Pattern COUNTER = Pattern.compile(
            "(planned|queued|sent|suppressed|unknown|held|modelCalls|(failed|skipped)\\.[A-Za-z0-9_]{1,40}|tokens\\.(input|output)(\\.[A-Za-z0-9._:/-]{1,100})?)");

    private final Store store;
    private final Clock clock;
    private final Map<String, CostEstimate.Price> prices;
    private final String defaultModel;

    public CampaignProgress(Store store, Clock clock, ModelPricing pricing,
            @ConfigProperty(name = "quarkus.langchain4j.openai.chat-model.model-name", defaultValue = "gpt-4o-mini") String defaultModel) {
        this.store = store;
        this.clock = clock;
        this.prices = CostEstimate.parse(pricing.prices());
        this.defaultModel = defaultModel;
    }

    /** The counter of a permanent failure, such as {@code failed.INVALID_RECIPIENT}. */
    public static String failed(String reason) {
        return FAILED + reason;
    }

    /** Token counters of a named model, such as {@code tokens.input.gpt-4o-mini}. */
    public static String inputTokens(String model) {
        return TOKENS_INPUT + "." + model;
    }

    public static String outputTokens(String model) {
        return TOKENS_OUTPUT + "." + model;
    }

    /** Adds the deltas to one shard, chosen at random, in one atomic UpdateItem. */
    public void record(String tenantId, String campaignId, Map<String, Long> deltas) {
        for (String counter : deltas.keySet()) {
            if (!COUNTER.matcher(counter).matches()) {
                throw new IllegalArgumentException("'" + counter + "' is not a progress counter");
            }
        }
        Map<String, Long> changes = new HashMap<>(deltas);
        changes.values().removeIf(delta -> delta == 0);
        if (!changes.isEmpty()) {
            store.add(Keys.campaign(tenantId, campaignId), Keys.progressSk(ThreadLocalRandom.current().nextInt(SHARDS)), changes);
        }
    }

    /** The counters summed over all shards. */
    public Map<String, Long> totals(String tenantId, String campaignId) {
        Map<String, Long> totals = new TreeMap<>();
        for (Map<String, Long> shard : store.numbersInRange(Keys.campaign(tenantId, campaignId), KeyRange.prefix(Keys.progressPrefix()))) {
            shard.forEach((counter, value) -> {
                if (COUNTER.matcher(counter).matches()) {
                    totals.merge(counter, value, Long::sum);
                }
            });
        }
        return totals;
    }

    public Progress read(String tenantId, String campaignId) {
        return summarize(totals(tenantId, campaignId));
    }

    Progress summarize(Map<String, Long> totals) {
        Map<String, long[]> tokensByModel = new TreeMap<>();
        long input = 0;
        long output = 0;
        for (Map.Entry<String, Long> counter : totals.entrySet()) {
            String name = counter.getKey();
            if (name.startsWith(TOKENS_INPUT)) {
                input += counter.getValue();
                tokensByModel.computeIfAbsent(model(name, TOKENS_INPUT), m -> new long[2])[0] += counter.getValue();
            } else if (name.startsWith(TOKENS_OUTPUT)) {
                output += counter.getValue();
                tokensByModel.computeIfAbsent(model(name, TOKENS_OUTPUT), m -> new long[2])[1] += counter.getValue();
            }
        }
        return new Progress(count(totals, PLANNED), count(totals, QUEUED), count(totals, SENT), breakdown(totals, FAILED),
                count(totals, SUPPRESSED), breakdown(totals, SKIPPED), count(totals, UNKNOWN), count(totals, HELD),
                new Progress.ModelUsage(count(totals, MODEL_CALLS), input, output, CostEstimate.of(tokensByModel, prices)), clock.instant());
    }

    private String model(String counter, String family) {
        return counter.length() == family.length() ? defaultModel : counter.substring(family.length() + 1);
    }

    private static long count(Map<String, Long> totals, String counter) {
        return totals.getOrDefault(counter, 0L);
    }

    private static Progress.Breakdown breakdown(Map<String, Long> totals, String prefix) {
        Map<String, Long> reasons = new TreeMap<>();
        totals.forEach((counter, value) -> {
            if (counter.startsWith(prefix)) {
                reasons.put(counter.substring(prefix.length()), value);
            }
        });
        return new Progress.Breakdown(reasons.values().stream().mapToLong(Long::longValue).sum(), reasons);
    }
}
