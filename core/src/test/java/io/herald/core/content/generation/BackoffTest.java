package io.herald.core.content.generation;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    /** The mapping's interface with fixed values, without a Quarkus runtime. */
    private static GenerationConfig config(Map<String, Object> values) {
        return (GenerationConfig) Proxy.newProxyInstance(GenerationConfig.class.getClassLoader(), new Class<?>[] {GenerationConfig.class},
                (proxy, method, args) -> values.get(method.getName()));
    }

    @Test
    void retryAfterWinsElseTheDelayDoublesUpToTheMaximum() {
        Backoff backoff = new Backoff(config(Map.of("initialDelay", Duration.ofMillis(100), "maxDelay", Duration.ofMillis(300),
                "jitter", Duration.ZERO)));
        backoff.init(0);
        RuntimeException plain = new RuntimeException("503");
        assertThat(backoff.nextDelayInMillis(plain)).isEqualTo(100);
        assertThat(backoff.nextDelayInMillis(plain)).isEqualTo(200);
        assertThat(backoff.nextDelayInMillis(plain)).isEqualTo(300);
        assertThat(backoff.nextDelayInMillis(plain)).isEqualTo(300);
        assertThat(backoff.nextDelayInMillis(new ModelHttpException(429, "", Duration.ofSeconds(2), null))).isEqualTo(2000);
    }

    @Test
    void jitterStaysWithinItsBound() {
        Backoff backoff = new Backoff(config(Map.of("initialDelay", Duration.ofMillis(100), "maxDelay", Duration.ofMillis(100),
                "jitter", Duration.ofMillis(50))));
        backoff.init(0);
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.nextDelayInMillis(new RuntimeException())).isBetween(100L, 150L);
        }
    }
}
