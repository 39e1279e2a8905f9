package io.herald.core.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A stored API key: only the SHA-256 of the secret is kept. Keys are 256-bit random values, so a fast
 * hash is enough (a slow password hash protects guessable secrets, which these are not).
 *
 * @param id public identifier, the first 16 hex digits of the hash; shown in listings and used to revoke
 */
@RegisterForReflection
public record ApiKey(String id, String tenantId, String sha256, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
