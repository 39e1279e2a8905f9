package io.herald.core.tracking;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * An event as applied and stored: one item in the recipient's partition under
 * {@link io.herald.core.store.Keys#trackEventSk}, indexed by campaign ({@link io.herald.core.store.Keys#campaignEvents})
 * so that a reconcile can recompute every counter from these items alone.
 *
 * @param event the normalized event
 * @param attribution the message it belongs to
 * @param classification human or machine, and why
 * @param unique whether it was the message's first event of its type and audience when applied (what the live
 *               unique counters used; a reconcile recomputes uniqueness from the events themselves)
 * @param appliedAt when the track worker applied it
 */
@RegisterForReflection
public record StoredEvent(TrackedEvent event, Attribution attribution, Classification classification, boolean unique, Instant appliedAt) {
}
