package io.herald.core.tenant;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** How the operator's admin key, which creates tenants and keys, reaches Herald. */
@ConfigMapping(prefix = "herald.admin")
public interface AdminConfig {

    /** The admin key itself (HERALD_ADMIN_KEY): for local runs and tests only. */
    Optional<String> key();
}
