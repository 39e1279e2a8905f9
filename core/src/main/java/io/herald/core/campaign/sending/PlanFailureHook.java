package io.herald.core.campaign.sending;

/**
 * Points of a planning tick where a test can make the invocation die, to prove that a crash anywhere replays the
 * page without counting a recipient twice or losing one. The production bean does nothing.
 */
public interface PlanFailureHook {

    /** Where in the tick. */
    enum Point {
        /** A page's generate jobs are on the queue, their markers not yet written. */
        AFTER_GENERATION_ENQUEUE,
        /** A page's send messages are on the queue, the plan state not yet advanced. */
        AFTER_ENQUEUE_BEFORE_ADVANCE,
        /** The plan state advanced, the progress counters not yet recorded. */
        AFTER_ADVANCE,
        /** A kept batch's messages are on the queue, the batch not yet deleted. */
        AFTER_DRAIN_ENQUEUE
    }

    default void at(Point point, String campaignId) {
    }
}
