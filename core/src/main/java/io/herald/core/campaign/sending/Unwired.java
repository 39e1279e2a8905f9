package io.herald.core.campaign.sending;

import io.herald.core.errors.HeraldException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Stand-ins for the seams until their capabilities provide them (the suppression list): the worker refuses to
 * send unchecked, so a job fails and is redelivered rather than mailed past a check.
 */
final class Unwired {

    private Unwired() {
    }

    static HeraldException unavailable(String what) {
        return new HeraldException(HeraldException.Kind.UNAVAILABLE, "Not wired", "the " + what + " is not wired into the worker yet");
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
