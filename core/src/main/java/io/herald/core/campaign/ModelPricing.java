package io.herald.core.campaign;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** What model tokens cost, for the estimated cost in a campaign's progress. */
@ConfigMapping(prefix = "herald.model-pricing")
public interface ModelPricing {

    /**
     * USD per million input and output tokens, by model name, as {@code model=input/output} entries separated by commas;
     * the defaults are OpenAI's list prices and make the cost an estimate, not a bill.
     */
    @WithDefault("gpt-4o-mini=0.15/0.60,gpt-4o=2.50/10.00,gpt-4.1=2.00/8.00,gpt-4.1-mini=0.40/1.60,gpt-4.1-nano=0.10/0.40")
    List<String> prices();
}
