package io.herald.core.tracking;

/**
 * A point in the track worker where a test can make a job fail half-way, to prove that redelivering the whole job
 * after a partial apply counts every event once. The production bean does nothing.
 */
public interface TrackFailureHook {

    /** After an event was stored for the first time, before the job's counters are added. */
    default void afterStored(String eventId) {
    }
}
