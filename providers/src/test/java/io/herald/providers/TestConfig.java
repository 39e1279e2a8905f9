package io.herald.providers;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** {@link ProvidersConfig} with its real defaults and a test's overrides, for tests that build classes by hand. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ProvidersConfig providers(Map<String, String> overrides) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ProvidersConfig.class)
                // Quarkus' reading of "10s", as in the application
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(overrides, "test", 500))
                .build();
        return config.getConfigMapping(ProvidersConfig.class);
    }
}
