package io.herald.core.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An estimate of what a campaign's model calls cost, from a price table per million tokens.
 *
 * @param usd the estimated cost in US dollars, of the tokens whose model has a price
 * @param unpricedModels models whose tokens are not in the estimate because the table has no price for them
 * @param basis how the figure was made
 */
@RegisterForReflection
public record CostEstimate(BigDecimal usd, List<String> unpricedModels, String basis) {

    static final String BASIS = "estimate: tokens times the configured list prices per million tokens (herald.model-pricing.prices)";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** USD per million tokens of one model. */
    record Price(BigDecimal input, BigDecimal output) {
    }

    /** Parses {@code model=input/output} entries; a malformed one is a configuration error, reported at start-up. */
    static Map<String, Price> parse(List<String> entries) {
        Map<String, Price> prices = new HashMap<>();
        for (String entry : entries) {
            String[] modelAndPrices = entry.strip().split("=", 2);
            String[] inputAndOutput = modelAndPrices.length == 2 ? modelAndPrices[1].split("/", 2) : new String[0];
            try {
                if (inputAndOutput.length != 2 || modelAndPrices[0].isBlank()) {
                    throw new NumberFormatException();
                }
                prices.put(modelAndPrices[0].strip(), new Price(new BigDecimal(inputAndOutput[0].strip()), new BigDecimal(inputAndOutput[1].strip())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("herald.model-pricing.prices: '" + entry + "' is not model=input/output, such as gpt-4o-mini=0.15/0.60");
            }
        }
        return Map.copyOf(prices);
    }

    /** The cost of the tokens per model ({@code [input, output]}). */
    static CostEstimate of(Map<String, long[]> tokensByModel, Map<String, Price> prices) {
        BigDecimal total = BigDecimal.ZERO;
        TreeSet<String> unpriced = new TreeSet<>();
        for (Map.Entry<String, long[]> model : tokensByModel.entrySet()) {
            Price price = prices.get(model.getKey());
            if (price == null) {
                unpriced.add(model.getKey());
                continue;
            }
            total = total.add(price.input().multiply(BigDecimal.valueOf(model.getValue()[0])))
                    .add(price.output().multiply(BigDecimal.valueOf(model.getValue()[1])));
        }
        return new CostEstimate(total.divide(MILLION, 6, RoundingMode.HALF_UP), new ArrayList<>(unpriced), BASIS);
    }
}
