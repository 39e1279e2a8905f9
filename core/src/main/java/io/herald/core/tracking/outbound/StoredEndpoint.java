package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's webhook endpoint as stored: the secrets only sealed (AES-GCM bound to tenant and endpoint), the rest
 * as shown. Everything that changes together (enabled, the failure streak, the disabling) is on this one item and
 * changes under optimistic concurrency, so a PATCH and a worker's failure count cannot overwrite each other.
 *
 * @param eventTypes the subscribed outbound types; empty for all of them
 * @param sealedSecret the current signing secret, sealed
 * @param previousSealedSecret the secret a rotation replaced, sealed, or null
 * @param previousSecretExpiresAt until when the previous secret still signs
 * @param failureStreak consecutive deliveries whose every attempt failed; a 2xx resets it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredEndpoint(String id, String url, List<String> eventTypes, String description, boolean enabled,
        String disabledReason, Instant disabledAt, int failureStreak, Instant createdAt, Instant updatedAt,
        String sealedSecret, String previousSealedSecret, Instant previousSecretExpiresAt) {

    public StoredEndpoint {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
    }

    /** Whether the endpoint wants events of this outbound type. */
    public boolean subscribedTo(String type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }

    WebhookEndpoint shown(Instant now, String secret) {
        Instant previousUntil = previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now) ? previousSecretExpiresAt : null;
        return new WebhookEndpoint(id, url, eventTypes, description, enabled, disabledReason, disabledAt, failureStreak,
                createdAt, updatedAt, previousUntil, secret);
    }

    StoredEndpoint with(String url, List<String> eventTypes, String description, Instant now) {
        return new StoredEndpoint(id, url, eventTypes, description, enabled, disabledReason, disabledAt, failureStreak,
                createdAt, now, sealedSecret, previousSealedSecret, previousSecretExpiresAt);
    }

    StoredEndpoint enabled(Instant now) {
        return new StoredEndpoint(id, url, eventTypes, description, true, null, null, 0,
                createdAt, now, sealedSecret, previousSealedSecret, previousSecretExpiresAt);
    }

    StoredEndpoint disabled(String reason, Instant now) {
        return new StoredEndpoint(id, url, eventTypes, description, false, reason, now, failureStreak,
                createdAt, now, sealedSecret, previousSealedSecret, previousSecretExpiresAt);
    }

    StoredEndpoint streak(int failures) {
        return new StoredEndpoint(id, url, eventTypes, description, enabled, disabledReason, disabledAt, failures,
                createdAt, updatedAt, sealedSecret, previousSealedSecret, previousSecretExpiresAt);
    }

    StoredEndpoint rotated(String newSealed, Instant previousUntil, Instant now) {
        return new StoredEndpoint(id, url, eventTypes, description, enabled, disabledReason, disabledAt, failureStreak,
                createdAt, now, newSealed, sealedSecret, previousUntil);
    }
}
