package io.herald.core.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A key as it is handed out: the only time its secret is ever visible. */
@RegisterForReflection
public record IssuedKey(String id, String tenantId, String apiKey, Instant createdAt) {
}
