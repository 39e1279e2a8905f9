package io.herald.core.tracking;

import java.time.Instant;
import java.util.List;

/**
 * What the track worker knows of a message when it classifies one of its events.
 *
 * @param sentAt when the provider accepted the message, or null
 * @param earlier the message's events stored before this one (its timeline so far)
 */
public record MessageActivity(Instant sentAt, List<StoredEvent> earlier) {

    public MessageActivity {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }
}
