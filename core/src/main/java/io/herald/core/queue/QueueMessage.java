package io.herald.core.queue;

import java.time.Duration;

/**
 * One message to put on a queue.
 *
 * @param body the JSON body
 * @param delay how long SQS hides it before its first delivery; clamped to SQS's 0 to 900 seconds
 */
public record QueueMessage(String body, Duration delay) {

    /** SQS refuses a per-message delay above 15 minutes. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(900);

    public static QueueMessage now(String body) {
        return new QueueMessage(body, Duration.ZERO);
    }

    public int delaySeconds() {
        if (delay == null || delay.isNegative()) {
            return 0;
        }
        // Round up: a message due in 0.4 s is not due now.
        long seconds = delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(seconds, MAX_DELAY.toSeconds());
    }
}
