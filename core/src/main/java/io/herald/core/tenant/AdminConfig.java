package io.herald.core.tenant;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** How the operator's admin key, which creates tenants and keys, reaches Herald. */
@ConfigMapping(prefix = "herald.admin")
public interface AdminConfig {

    /** The admin key itself (HERALD_ADMIN_KEY): for local runs and tests only; it wins over {@link #keyParameter()}. */
    Optional<String> key();

    /** Name of the SSM SecureString parameter that holds the admin key in AWS (HERALD_ADMIN_KEY_PARAMETER). */
    Optional<String> keyParameter();
}
