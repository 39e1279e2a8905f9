package io.herald.core.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts verified events on the track queue for the track worker, split so that no SQS message passes its 256 KiB
 * limit. Answers once SQS holds all of them, or throws (a receiver then answers 503, and the provider retries).
 */
@ApplicationScoped
public class TrackQueue {

    /** Events per queue message, at most. */
    public static final int MAX_EVENTS_PER_JOB = 100;
    /** Bytes of events per queue message, at most: well under SQS's 262,144, leaving room for the envelope. */
    static final int MAX_JOB_BYTES = 200_000;

    private final Queues queues;
    private final ObjectMapper json;

    public TrackQueue(Queues queues, ObjectMapper json) {
        this.queues = queues;
        this.json = json;
    }

    public void enqueue(TrackJob job) {
        if (job.events().isEmpty()) {
            return;
        }
        List<QueueMessage> messages = new ArrayList<>();
        for (TrackJob part : split(job)) {
            messages.add(QueueMessage.now(write(part)));
        }
        queues.sendAll(queues.trackQueue(), messages);
    }

    public TrackJob read(String body) throws JsonProcessingException {
        return json.readValue(body, TrackJob.class);
    }

    List<TrackJob> split(TrackJob job) {
        List<TrackJob> parts = new ArrayList<>();
        List<TrackedEvent> current = new ArrayList<>();
        int bytes = 0;
        for (TrackedEvent event : job.events()) {
            int size = write(event).getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_JOB_BYTES) {
                throw new IllegalArgumentException("one event is " + size + " bytes, more than a queue message holds");
            }
            if (!current.isEmpty() && (current.size() == MAX_EVENTS_PER_JOB || bytes + size > MAX_JOB_BYTES)) {
                parts.add(new TrackJob(job.tenantId(), job.source(), job.receivedAt(), current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(event);
            bytes += size + 1;
        }
        parts.add(new TrackJob(job.tenantId(), job.source(), job.receivedAt(), current));
        return parts;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
