package io.herald.core.campaign.sending;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * Where the planner is in one campaign's audience. Its cursor is also a native attribute ({@code position}), and
 * the next page's cursor, the planned counter and the pacer's slots change together in one conditional UpdateItem.
 *
 * @param cursor the audience cursor of the next page, null before the first and after the last
 * @param walked whether the whole audience has been planned
 * @param pages how many pages were planned (names each page's later-minute batches)
 * @param pacer the rate pacer's taken slots, by epoch minute
 * @param lastDue the latest send instant planned so far
 */
@RegisterForReflection
public record PlanState(String cursor, boolean walked, long pages, Map<Long, Integer> pacer, Instant lastDue) {

    static final String START = "START";
    static final String END = "END";

    static PlanState initial() {
        return new PlanState(null, false, 0, Map.of(), null);
    }

    String position() {
        return walked ? END : cursor == null ? START : cursor;
    }
}
