package io.herald.core.tracking.firstparty;

import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import io.herald.core.tracking.TrackedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the public pixel and redirect do with a request: verify the token, put one event on the track queue, and
 * answer. Recording never stands in the way of the answer: a queue that is down loses the event (logged, with the
 * message id only) but the pixel is still served and the click still redirected, since a person must never be
 * stranded on a dead link because Herald's bookkeeping failed.
 */
@ApplicationScoped
public class FirstPartyTracking {

    private static final Logger LOG = Logger.getLogger(FirstPartyTracking.class);
    /** The {@link TrackJob#source()} of each endpoint. */
    public static final String PIXEL = "pixel";
    public static final String REDIRECT = "redirect";

    private final TrackingLinks links;
    private final TrackQueue queue;
    private final Clock clock;

    public FirstPartyTracking(TrackingLinks links, TrackQueue queue, Clock clock) {
        this.links = links;
        this.queue = queue;
        this.clock = clock;
    }

    /**
     * Records an open when the token is one Herald signed; anything else records nothing. Never throws: the pixel is
     * served even when the key cannot be read (the open is lost and logged).
     */
    public boolean open(String token, Evidence evidence) {
        Optional<OpenToken> open;
        try {
            open = links.verifyOpen(token);
        } catch (RuntimeException e) {
            LOG.errorf("lost a first-party open: the tracking key is unavailable: %s", e.getMessage());
            return false;
        }
        if (open.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        OpenToken verified = open.get();
        TrackedEvent event = new TrackedEvent(FirstPartyIds.open(verified.messageId(), now, evidence), EventType.open, now,
                new MessageRef(verified.messageId(), verified.tenantId(), null, null, null), evidence, EventDetail.none());
        enqueue(new TrackJob(verified.tenantId(), PIXEL, now, List.of(event)));
        return true;
    }

    /** The URL to redirect to, exactly as signed, with the click recorded; empty for a token Herald did not sign. */
    public Optional<String> click(String token, Evidence evidence) {
        Optional<ClickToken> click = links.verifyClick(token);
        if (click.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ClickToken verified = click.get();
        TrackedEvent event = new TrackedEvent(FirstPartyIds.click(verified.messageId(), verified.linkIndex(), now, evidence), EventType.click,
                now, new MessageRef(verified.messageId(), verified.tenantId(), null, null, null), evidence,
                new EventDetail(null, verified.url(), "link " + (verified.linkIndex() + 1) + " of " + verified.linkCount(),
                        verified.linkCount(), null, null));
        enqueue(new TrackJob(verified.tenantId(), REDIRECT, now, List.of(event)));
        return Optional.of(verified.url());
    }

    private void enqueue(TrackJob job) {
        try {
            queue.enqueue(job);
        } catch (RuntimeException e) {
            TrackedEvent event = job.events().get(0);
            LOG.errorf("lost a first-party %s of message %s (tenant %s): the track queue did not take it: %s",
                    event.type(), event.message().messageId(), job.tenantId(), e.toString());
        }
    }
}
