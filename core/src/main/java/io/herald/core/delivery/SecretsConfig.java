package io.herald.core.delivery;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The key that encrypts tenants' provider credentials at rest. */
@ConfigMapping(prefix = "herald.secrets")
public interface SecretsConfig {

    /** Base64 of 32 random bytes (HERALD_SECRETS_KEY): for local runs and tests; it wins over {@link #keyParameter()}. */
    Optional<String> key();

    /** Name of the SSM SecureString parameter holding that base64 key in AWS (HERALD_SECRETS_KEY_PARAMETER). */
    Optional<String> keyParameter();
}
