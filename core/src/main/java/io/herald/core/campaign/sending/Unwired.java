package io.herald.core.campaign.sending;

import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;
import io.herald.core.errors.HeraldException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Stand-ins for the seams until their capabilities provide them (audience, suppression list): the worker
 * refuses to plan or send unchecked, so a job fails and is redelivered rather than mailed past a check.
 */
final class Unwired {

    private Unwired() {
    }

    static HeraldException unavailable(String what) {
        return new HeraldException(HeraldException.Kind.UNAVAILABLE, "Not wired", "the " + what + " is not wired into the worker yet");
    }

    @DefaultBean
    @ApplicationScoped
    static class NoAudience implements Audience {
        @Override
        public AudiencePage matches(String tenantId, SegmentRef segment, String cursor, int limit) {
            throw unavailable("audience");
        }
    }

    @DefaultBean
    @ApplicationScoped
    static class NoSuppressionList implements SuppressionList {
        @Override
        public boolean isSuppressed(String tenantId, String email) {
            throw unavailable("suppression list");
        }
    }
}
