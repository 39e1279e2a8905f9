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
            return counting(job, counter, null);
        }

        /** With the variant's own counter beside the campaign's ({@code variant.A.sent}), folded into the same ADD. */
        static Ack counting(SendJob job, String counter, String variant) {
            if (job.test() != null) {
                return quietly();
            }
            java.util.Optional<String> perVariant = io.herald.core.campaign.CampaignProgress.variantCounter(variant, counter);
            return new Ack(job.tenantId(), job.campaignId(), perVariant.isPresent() ? Map.of(counter, 1L, perVariant.get(), 1L) : Map.of(counter, 1L));
        }
    }

    /** Leave it on the queue, visible again after {@code delay}; after the queue's receives it reaches the DLQ. */
    record Retry(Duration delay, String why) implements Outcome {
    }
}
