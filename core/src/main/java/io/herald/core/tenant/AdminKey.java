package io.herald.core.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Checks a presented admin key against the configured one, in constant time. */
@ApplicationScoped
public class AdminKey {

    private final Optional<String> expectedSha256;

    public AdminKey(AdminConfig config) {
        this.expectedSha256 = config.key().filter(key -> !key.isBlank()).map(ApiKeys::sha256);
    }

    /** False when no admin key is configured: the admin API is then closed. */
    public boolean matches(String presented) {
        return presented != null && expectedSha256.map(expected -> ApiKeys.sameHash(expected, ApiKeys.sha256(presented))).orElse(false);
    }
}
