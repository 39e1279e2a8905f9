package io.herald.core.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * An address Herald will not email for the tenant, whatever the contact's consent says.
 *
 * @param email the normalized address, or null once the person's contact has been erased: the entry then
 *              holds only the hash, which still blocks the address if it is ever imported again
 * @param addressSha256 hex SHA-256 of the normalized address: the entry's key
 * @param reason why
 * @param source where the request came from (for example {@code one-click-unsubscribe}, {@code api}, a provider webhook)
 * @param at when the address was suppressed
 */
@RegisterForReflection
public record Suppression(String email, String addressSha256, SuppressionReason reason, String source, Instant at) {

    Suppression withoutAddress() {
        return new Suppression(null, addressSha256, reason, source, at);
    }
}
