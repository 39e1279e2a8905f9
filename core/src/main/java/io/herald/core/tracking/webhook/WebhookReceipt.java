package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a receiver answers a provider.
 *
 * @param accepted events queued for the track worker
 * @param ignored parts of the payload that map to no event (unknown types), accepted all the same
 * @param note what else happened ({@code subscription confirmed}), or null
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookReceipt(int accepted, int ignored, String note) {
}
