package io.herald.api.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the HTTP API itself. */
@ConfigMapping(prefix = "herald.api")
public interface ApiConfig {

    /** Largest request body accepted, in bytes (AWS Lambda refuses payloads over 6 MB). */
    @WithDefault("5242880")
    int maxBodyBytes();
}
