package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as the API shows it. The secret appears only in the answer that created it (create, rotate):
 * Herald keeps it encrypted and never shows it again.
 *
 * @param eventTypes the subscribed types; empty for all
 * @param enabled false once disabled, by the tenant or after repeated failures
 * @param disabledReason why it was disabled
 * @param consecutiveFailures consecutive deliveries whose every attempt failed
 * @param previousSecretExpiresAt until when the secret replaced by the last rotation still signs beside the new one
 * @param secret the signing secret: only in the answer to create and rotate-secret
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookEndpoint(String id, String url, List<String> eventTypes, String description, boolean enabled,
        String disabledReason, Instant disabledAt, int consecutiveFailures, Instant createdAt, Instant updatedAt,
        Instant previousSecretExpiresAt, String secret) {

    /** Without the secret: a record's default toString would put it into any log line that prints the endpoint. */
    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", url=" + url + ", eventTypes=" + eventTypes + ", enabled=" + enabled
                + ", disabledReason=" + disabledReason + ", consecutiveFailures=" + consecutiveFailures
                + (secret == null ? "" : ", secret=[redacted]") + "]";
    }
}
