package io.herald.core.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where Herald keeps its data: the one DynamoDB table all functions share. */
@ConfigMapping(prefix = "herald.store")
public interface StoreConfig {

    /** Name of the DynamoDB table (HERALD_STORE_TABLE). */
    @WithDefault("herald")
    String table();
}
