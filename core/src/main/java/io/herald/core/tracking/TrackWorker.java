package io.herald.core.tracking;

import io.herald.core.queue.ReceivedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The track worker over one SQS batch of the track queue: each body is a {@link TrackJob} or, failing that, what a
 * {@link ProviderQueueEvents} decodes (SES through SNS). A body nobody can read is poison: it is logged (without its
 * content, which holds addresses) and left on the queue, so that after the queue's receive limit it lands in the DLQ
 * that an alarm watches, with its body intact for inspection and redrive. Acknowledging it instead would lose it
 * to everyone but a log reader; the redrive policy is what keeps it from looping.
 */
@ApplicationScoped
public class TrackWorker {

    private static final Logger LOG = Logger.getLogger(TrackWorker.class);

    private final TrackQueue trackQueue;
    private final Instance<ProviderQueueEvents> providers;
    private final EventApplier applier;

    public TrackWorker(TrackQueue trackQueue, Instance<ProviderQueueEvents> providers, EventApplier applier) {
        this.trackQueue = trackQueue;
        this.providers = providers;
        this.applier = applier;
    }

    /** Applies the batch, one job after another; answers the SQS message ids to leave on the queue. */
    public Set<String> applyAll(List<ReceivedMessage> batch) {
        Set<String> failed = new LinkedHashSet<>();
        for (ReceivedMessage message : batch) {
            Optional<List<TrackJob>> jobs = decode(message.body());
            if (jobs.isEmpty()) {
                LOG.errorf("track message %s (receive %d) is neither a track job nor a provider's events; it stays on the queue until it reaches the DLQ",
                        message.messageId(), message.receiveCount());
                failed.add(message.messageId());
                continue;
            }
            try {
                for (TrackJob job : jobs.get()) {
                    applier.apply(job, message.receiveCount() > 1);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "track message %s failed half-way; SQS will deliver it again and what was applied is not applied twice",
                        message.messageId());
                failed.add(message.messageId());
            }
        }
        return failed;
    }

    Optional<List<TrackJob>> decode(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            TrackJob job = trackQueue.read(body);
            if (job != null && job.tenantId() != null && !job.tenantId().isBlank()) {
                return Optional.of(List.of(job));
            }
        } catch (Exception notAJob) {
            // perhaps a provider's own message: asked below
        }
        for (ProviderQueueEvents provider : providers) {
            try {
                Optional<List<TrackJob>> decoded = provider.decode(body);
                if (decoded != null && decoded.isPresent()) {
                    return decoded;
                }
            } catch (RuntimeException e) {
                LOG.warnf("%s could not decode a track message: %s", provider.getClass().getSimpleName(), e.getMessage());
            }
        }
        return Optional.empty();
    }
}
