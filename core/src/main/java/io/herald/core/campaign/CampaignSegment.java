package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The audience: a segment and the version of its rule, pinned at creation so a running campaign's audience cannot
 * shift under it.
 *
 * @param id the segment's id
 * @param version its version; null in a request means the latest, which is then stored
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignSegment(String id, Integer version) {
}
