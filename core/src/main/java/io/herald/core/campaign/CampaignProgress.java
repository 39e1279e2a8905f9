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
 * configured default model), and per variant {@code variant.<id>.sent}, {@code variant.<id>.failed},
 * {@code variant.<id>.unknown} (added in the same ADD as the campaign's own counter, so they cost no write).
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
    /** Followed by the variant id and an outcome ({@code sent}, {@code failed}, {@code unknown}). */
    public static final String VARIANT = "variant.";
    static final int SHARDS = 8;
    private static final Pattern COUNTER = Pattern.compile(
            "(planned|queued|sent|suppressed|unknown|held|modelCalls|(failed|skipped)\\.[A-Za-z0-9_]{1,40}|tokens\\.(input|output)(\\.[A-Za-z0-9._:/-]{1,100})?"
            + "|variant\\.[A-Za-z0-9][A-Za-z0-9_-]{0,15}\\.(sent|failed|unknown))");

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

    /**
     * The per-variant counter that goes with an outcome counter: {@code variant.A.sent} with {@code sent},
     * {@code variant.A.failed} with any {@code failed.<reason>}, {@code variant.A.unknown} with {@code unknown}; empty for
     * the outcomes decided before a variant is chosen (skips, suppression) or without a variant.
     */
    public static java.util.Optional<String> variantCounter(String variantId, String counter) {
        if (variantId == null) {
            return java.util.Optional.empty();
        }
        if (counter.equals(SENT) || counter.equals(UNKNOWN)) {
            return java.util.Optional.of(VARIANT + variantId + "." + counter);
        }
        if (counter.startsWith(FAILED)) {
            return java.util.Optional.of(VARIANT + variantId + ".failed");
        }
        return java.util.Optional.empty();
    }

    /** {@code {A: {sent: 10, failed: 1}}} out of the totals' {@code variant.*} counters. */
    public static Map<String, Map<String, Long>> byVariant(Map<String, Long> totals) {
        Map<String, Map<String, Long>> variants = new TreeMap<>();
        totals.forEach((counter, value) -> {
            if (counter.startsWith(VARIANT)) {
                int dot = counter.lastIndexOf('.');
                variants.computeIfAbsent(counter.substring(VARIANT.length(), dot), v -> new TreeMap<>()).put(counter.substring(dot + 1), value);
            }
        });
        return variants;
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

    /**
     * Replaces the counters that {@code owned} names with exact values, for a reconcile: shard 0 gets {@code exact}
     * (an owned counter missing from it is removed), every other shard loses its owned counters; counters not owned
     * (planned, queued, tokens...) are left as they are. One UpdateItem per shard that changes. A live ADD between
     * the read and the write of a shard is overwritten, so call it when nothing adds to the owned counters any more.
     *
     * @return how many shard items were changed
     */
    public int replace(String tenantId, String campaignId, java.util.function.Predicate<String> owned, Map<String, Long> exact) {
        for (String counter : exact.keySet()) {
            if (!COUNTER.matcher(counter).matches() || !owned.test(counter)) {
                throw new IllegalArgumentException("'" + counter + "' is not a progress counter this reconcile owns");
            }
        }
        String pk = Keys.campaign(tenantId, campaignId);
        Map<String, Map<String, Long>> shards = store.numbersBySortKey(pk, KeyRange.prefix(Keys.progressPrefix()));
        int changed = 0;
        for (int shard = 0; shard < SHARDS; shard++) {
            String sk = Keys.progressSk(shard);
            Map<String, Long> stored = shards.getOrDefault(sk, Map.of());
            io.herald.core.store.Update update = io.herald.core.store.Update.of();
            boolean changes = false;
            for (Map.Entry<String, Long> counter : stored.entrySet()) {
                boolean keep = shard == 0 && exact.getOrDefault(counter.getKey(), 0L) != 0;
                if (owned.test(counter.getKey()) && !keep) {
                    update.remove(counter.getKey());
                    changes = true;
                }
            }
            if (shard == 0) {
                for (Map.Entry<String, Long> counter : exact.entrySet()) {
                    if (counter.getValue() != 0 && !counter.getValue().equals(stored.get(counter.getKey()))) {
                        update.set(counter.getKey(), counter.getValue());
                        changes = true;
                    }
                }
            }
            if (changes) {
                store.update(pk, sk, update);
                changed++;
            }
        }
        return changed;
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
