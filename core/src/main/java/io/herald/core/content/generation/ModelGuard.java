package io.herald.core.content.generation;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;

/**
 * The fault tolerance around one model call, built from {@link GenerationConfig} and applied to
 * {@link ModelClient#chat} with {@code @ApplyGuard}: a timeout per attempt, retries with backoff and jitter
 * that honour {@code retry-after} (transient failures only: never an exhausted quota or another 4xx), and a
 * circuit breaker. langchain4j's own retries are switched off ({@link NoLibraryRetries}), so these are the
 * only ones.
 */
@ApplicationScoped
public class ModelGuard {

    public static final String NAME = "herald-model";
    private static final Logger LOG = Logger.getLogger(ModelGuard.class);

    /** A singleton, not application-scoped: SmallRye must see its own Guard object, not a client proxy. */
    @Produces
    @Identifier(NAME)
    @Singleton
    Guard guard(GenerationConfig config) {
        Guard.Builder guard = Guard.create()
                .withDescription("model call")
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(config.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(config.maxRetryDuration().toMillis(), ChronoUnit.MILLIS)
                    .whenException(failure -> ModelFailures.isTransient(failure) && ModelFailures.retryAfter(failure)
                            .map(asked -> asked.compareTo(config.maxRetryAfter()) <= 0).orElse(true))
                    .beforeRetry(failure -> LOG.infof("Retrying the model call after: %s", ModelFailures.describe(failure)))
                    .withCustomBackoff().strategy(() -> new Backoff(config)).done()
                    .done();
        return withCircuitBreaker(guard, NAME, config).build();
    }

    /** The model's circuit breaker from {@link GenerationConfig}, under its own name: every model guard has one. */
    public static Guard.Builder withCircuitBreaker(Guard.Builder guard, String name, GenerationConfig config) {
        return guard.withCircuitBreaker()
                .name(name)
                .requestVolumeThreshold(config.circuitRequestVolume())
                .failureRatio(config.circuitFailureRatio())
                .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                .when(ModelFailures::countsAgainstCircuit)
                .done();
    }
}
