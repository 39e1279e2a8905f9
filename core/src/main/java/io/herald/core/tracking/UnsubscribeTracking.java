package io.herald.core.tracking;

import io.herald.core.delivery.Unsubscribed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Turns a one-click unsubscribe into an {@code unsubscribe} event on the track queue, so that it is counted for the
 * campaign and variant of the message whose link was used. The suppression is done already (by
 * {@link io.herald.core.delivery.Unsubscribes}); the track worker's own suppression step then finds it and writes
 * nothing. The event id is {@code unsubscribe:<messageId>}: one unsubscribe per message, however often it is posted.
 */
@ApplicationScoped
public class UnsubscribeTracking {

    private static final Logger LOG = Logger.getLogger(UnsubscribeTracking.class);

    /** The track job's source, and the event id's prefix. */
    public static final String SOURCE = "unsubscribe";

    private final TrackQueue trackQueue;

    public UnsubscribeTracking(TrackQueue trackQueue) {
        this.trackQueue = trackQueue;
    }

    /**
     * The person is unsubscribed whatever happens here: a track queue that refuses the event leaves the campaign's
     * count one short, logged as an error, rather than failing the unsubscribe request.
     */
    void on(@Observes Unsubscribed unsubscribed) {
        if (unsubscribed.messageId() == null || unsubscribed.messageId().isBlank()) {
            return;
        }
        TrackedEvent event = new TrackedEvent(SOURCE + ":" + unsubscribed.messageId(), EventType.unsubscribe, unsubscribed.at(),
                new MessageRef(unsubscribed.messageId(), unsubscribed.tenantId(), null, null, null), Evidence.none(),
                EventDetail.described("one-click unsubscribe"));
        try {
            trackQueue.enqueue(new TrackJob(unsubscribed.tenantId(), SOURCE, unsubscribed.at(), List.of(event)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "the unsubscribe through message %s of tenant %s is in force but not counted: the track queue refused it",
                    unsubscribed.messageId(), unsubscribed.tenantId());
        }
    }
}
