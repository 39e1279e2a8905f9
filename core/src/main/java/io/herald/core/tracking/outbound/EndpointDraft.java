package io.herald.core.tracking.outbound;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * A new endpoint, or (for PATCH) the fields to change: a null field is left as it is.
 *
 * @param url where to POST; https (see {@link WebhookTargets})
 * @param eventTypes outbound types to receive; empty or absent for all
 * @param description for the tenant's own bookkeeping
 * @param enabled only on PATCH: false to pause deliveries, true to resume them (which clears the failure streak)
 */
@RegisterForReflection
public record EndpointDraft(String url, List<String> eventTypes, String description, Boolean enabled) {
}
