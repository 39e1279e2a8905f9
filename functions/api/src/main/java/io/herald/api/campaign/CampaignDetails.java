package io.herald.api.campaign;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.Progress;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A campaign with the progress a person can watch during a long send. */
@RegisterForReflection
@Schema(name = "CampaignDetails")
public record CampaignDetails(
        @JsonUnwrapped Campaign campaign,
        @Schema(description = "Counts so far, summed over the counter shards; model cost is an estimate") Progress progress) {
}
