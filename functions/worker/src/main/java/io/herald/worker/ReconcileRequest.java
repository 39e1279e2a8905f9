package io.herald.worker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code reconcile} function's input: which campaign's counters to rebuild ({@code aws lambda invoke
 * --payload '{"tenantId":"acme","campaignId":"cmp..."}'}, or an EventBridge rule with that constant input).
 *
 * @param tenantId the tenant
 * @param campaignId the campaign
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconcileRequest(String tenantId, String campaignId) {
}
