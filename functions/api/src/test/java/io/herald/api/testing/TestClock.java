package io.herald.api.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's {@link Clock} in the api's tests, in place of core's system clock. It follows the system clock
 * until a test {@link #fix() fixes} it; a test that dates events fixes it and writes every time relative to the
 * instant {@code fix()} returns, so that no event ages out of the retention period and no result depends on the
 * day the tests run. {@link TestIsolation} hands the system clock back after each test.
 */
public final class TestClock extends Clock {

    /** Where {@link #fix()} stops time: any instant works, since tests only use times relative to it. */
    public static final Instant FIXED = Instant.parse("2030-06-14T09:30:00Z");

    private static final TestClock INSTANCE = new TestClock(ZoneOffset.UTC);
    private static volatile Instant fixed;

    private final ZoneId zone;

    private TestClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Stops the application's time at {@link #FIXED} and returns it. */
    public static Instant fix() {
        return fix(FIXED);
    }

    public static Instant fix(Instant at) {
        fixed = at;
        return at;
    }

    /** Moves a fixed clock on. */
    public static Instant advance(Duration by) {
        if (fixed == null) {
            throw new IllegalStateException("fix the clock before advancing it");
        }
        return fix(fixed.plus(by));
    }

    /** The application's now: the fixed instant, or the system's. */
    public static Instant now() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }

    static void release() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestClock(zone);
    }

    @Override
    public Instant instant() {
        return now();
    }

    /** Puts the test clock in place of core's {@code ClockProducer} for every bean that injects a {@link Clock}. */
    @Dependent
    static class Producer {

        @Produces
        @Alternative
        @Priority(1)
        @Singleton
        static Clock applicationClock() {
            return INSTANCE;
        }
    }
}
