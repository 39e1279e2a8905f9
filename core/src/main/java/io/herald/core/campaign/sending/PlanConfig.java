package io.herald.core.campaign.sending;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the planner walks audiences each minute. */
@ConfigMapping(prefix = "herald.plan")
public interface PlanConfig {

    /** Contacts asked of the audience per step; one step is one conditional write of the plan state. */
    @WithDefault("200")
    int pageSize();

    /** Recipients due within this much go on the send queue with a delay; later ones wait in the plan partition (SQS delays stop at 15 minutes). */
    @WithDefault("PT15M")
    Duration horizon();

    /** How long one tick may walk before it leaves the rest to the next minute (below the plan function's timeout). */
    @WithDefault("PT40S")
    Duration tickBudget();

    /** A walked campaign whose counters stay short of planned this long after its last due send completes anyway (lost counter adds). */
    @WithDefault("PT1H")
    Duration completionGrace();
}
