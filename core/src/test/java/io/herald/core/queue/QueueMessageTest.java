package io.herald.core.queue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** SQS takes a per-message delay of 0 to 900 whole seconds; a message must never be delivered before it is due. */
class QueueMessageTest {

    @Property
    void theDelayIsWithinSqsLimitsAndNeverEarly(@ForAll @LongRange(min = -10_000_000, max = 10_000_000) long millis) {
        int seconds = new QueueMessage("{}", Duration.ofMillis(millis)).delaySeconds();

        assertThat(seconds).isBetween(0, 900);
        if (millis > 0 && millis <= 900_000) {
            assertThat(seconds * 1000L).isGreaterThanOrEqualTo(millis).isLessThan(millis + 1000);
        }
        if (millis > 900_000) {
            assertThat(seconds).isEqualTo(900);
        }
    }
}
