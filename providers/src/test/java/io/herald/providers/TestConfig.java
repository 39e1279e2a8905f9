package io.herald.providers;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.Map;

/** {@link ProvidersConfig} with its real defaults and a test's overrides, for tests that build classes by hand. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ProvidersConfig providers(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ProvidersConfig.class)
                .withSources(new PropertiesConfigSource(overrides, "test", 500))
                .build();
        return config.getConfigMapping(ProvidersConfig.class);
    }
}
