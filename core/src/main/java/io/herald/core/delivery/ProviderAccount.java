package io.herald.core.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * What Herald shows of a tenant's provider account: never a secret.
 *
 * @param kind the provider
 * @param settings the settings that are not secrets (host, port, region, domain, message stream, base URL)
 * @param fingerprint 16 hex digits that change whenever any setting (secrets included) changes; not reversible
 * @param updatedAt when the settings were last written
 */
@RegisterForReflection
public record ProviderAccount(ProviderKind kind, Map<String, String> settings, String fingerprint, Instant updatedAt) {
}
