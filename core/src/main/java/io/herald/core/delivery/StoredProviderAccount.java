package io.herald.core.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * A provider account as stored: the visible settings in clear, and every setting (secrets included) sealed by
 * {@link CredentialCipher} with the tenant and kind as associated data.
 */
@RegisterForReflection
record StoredProviderAccount(ProviderKind kind, Map<String, String> settings, String fingerprint, Instant updatedAt, String sealed) {

    ProviderAccount shown() {
        return new ProviderAccount(kind, settings, fingerprint, updatedAt);
    }
}
