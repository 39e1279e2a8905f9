package io.herald.api.content;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Short delays and a small circuit-breaker window, so that retry, timeout and circuit tests take seconds. The
 * timeout leaves room for the first model call after boot on a loaded machine (seen taking over 3 s), which would
 * otherwise time out twice and, with a window of 4, open the circuit for the rest of that test.
 * Registered for the whole test run (not restricted), so every test class shares one application boot.
 */
public class GenerationTestConfig implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "herald.generation.timeout", "5s",
                "herald.generation.max-retries", "2",
                "herald.generation.initial-delay", "50ms",
                "herald.generation.max-delay", "200ms",
                "herald.generation.jitter", "20ms",
                "herald.generation.max-retry-after", "3s",
                "herald.generation.circuit-request-volume", "4",
                "herald.generation.circuit-delay", "30s",
                "herald.generation.allowed-models", "gpt-4o-mini,gpt-test-mini");
    }

    @Override
    public void stop() {
    }
}
