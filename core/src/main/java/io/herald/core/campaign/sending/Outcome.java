package io.herald.core.campaign.sending;

import java.time.Duration;
import java.util.Map;

/** What became of one send job: acknowledged (with the counters it moves), or left on the queue. */
sealed interface Outcome {

    /** Done with it: SQS may delete it. {@code counters} is empty for a duplicate, a test copy or a parked job. */
    record Ack(String tenantId, String campaignId, Map<String, Long> counters) implements Outcome {
        static Ack quietly() {
            return new Ack(null, null, Map.of());
        }

        static Ack counting(SendJob job, String counter) {
            return job.test() != null ? quietly() : new Ack(job.tenantId(), job.campaignId(), Map.of(counter, 1L));
        }
    }

    /** Leave it on the queue, visible again after {@code delay}; after the queue's receives it reaches the DLQ. */
    record Retry(Duration delay, String why) implements Outcome {
    }
}
