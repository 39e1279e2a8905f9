package io.herald.core.campaign.content;

import io.herald.core.content.generation.GenerationConfig;
import io.herald.core.content.generation.ModelGuard;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.temporal.ChronoUnit;

/**
 * The fault tolerance around a model call made from a queue: a timeout of its own and the api's circuit-breaker
 * settings (a breaker of its own), but no retry. A Lambda must not sleep through a retry-after; the failure goes back to the
 * caller, who puts the generation message back on its queue with the server's delay.
 */
@ApplicationScoped
public class QueuedModelGuard {

    public static final String NAME = "herald-model-queued";

    @Produces
    @Identifier(NAME)
    @Singleton
    Guard guard(GenerationConfig config, CampaignContentConfig campaigns) {
        Guard.Builder guard = Guard.create()
                .withDescription("model call from a queue")
                .withTimeout().duration(campaigns.modelTimeout().toMillis(), ChronoUnit.MILLIS).done();
        return ModelGuard.withCircuitBreaker(guard, NAME, config).build();
    }
}
