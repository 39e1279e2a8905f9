package io.herald.core.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A customer of Herald: everything it stores is keyed under {@code id}. */
@RegisterForReflection
public record Tenant(String id, String name, Instant createdAt) {
}
