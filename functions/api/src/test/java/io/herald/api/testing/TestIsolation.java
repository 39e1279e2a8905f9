package io.herald.api.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * What one test leaves in the shared application that would change the next one's outcome, undone after every
 * {@code @QuarkusTest} method of the module (a Quarkus callback, registered in {@code META-INF/services}): the
 * model's circuit breaker (a failure test may leave it open, and every later generation would skip the model) and
 * a fixed {@link TestClock}.
 */
public class TestIsolation implements QuarkusTestAfterEachCallback {

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        Arc.container().instance(CircuitBreakerMaintenance.class).get().resetAll();
        TestClock.release();
    }
}
