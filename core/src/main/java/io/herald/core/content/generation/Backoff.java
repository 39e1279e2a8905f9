package io.herald.core.content.generation;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The delay before a retry: what the server asked for in {@code retry-after}, else an exponential backoff
 * with jitter. One instance serves one guarded call (SmallRye creates it per invocation).
 */
final class Backoff implements CustomBackoffStrategy {

    private final GenerationConfig config;
    private long nextExponential;

    Backoff(GenerationConfig config) {
        this.config = config;
    }

    @Override
    public void init(long initialDelayInMillis) {
        nextExponential = config.initialDelay().toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long jitter = config.jitter().isZero() ? 0 : ThreadLocalRandom.current().nextLong(config.jitter().toMillis() + 1);
        Duration asked = ModelFailures.retryAfter(cause).orElse(null);
        if (asked != null) {
            return asked.toMillis() + jitter;
        }
        long delay = nextExponential;
        nextExponential = Math.min(config.maxDelay().toMillis(), nextExponential * 2);
        return delay + jitter;
    }
}
