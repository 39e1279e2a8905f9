package io.herald.core.campaign.sending;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of a generate-queue message: write one content group x variant of a campaign.
 *
 * @param attempts how many times it was put back on a model rate limit or outage
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateJob(String tenantId, String campaignId, String groupKey, String variantId, Integer attempts) {

    public int attemptsSoFar() {
        return attempts == null ? 0 : attempts;
    }

    GenerateJob again() {
        return new GenerateJob(tenantId, campaignId, groupKey, variantId, attemptsSoFar() + 1);
    }

    boolean isValid() {
        return tenantId != null && campaignId != null && groupKey != null && variantId != null;
    }
}
