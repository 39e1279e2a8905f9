package io.herald.core.campaign.sending;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * Recipients planned for one later minute, from one audience page (or one parked recipient): kept in the
 * campaign's partition until their minute comes within the queue horizon.
 *
 * @param epochMinute the minute they are due in
 * @param part which page (or parked recipient) of that minute, so that a replayed page overwrites itself
 * @param recipients who, with their exact send instants
 */
@RegisterForReflection
public record PlannedBatch(long epochMinute, String part, List<Recipient> recipients) {

    /** One planned recipient; the zone lets a late batch be re-planned inside the window and outside quiet hours. */
    @RegisterForReflection
    public record Recipient(String contactId, Instant dueAt, String timezone) {
    }
}
