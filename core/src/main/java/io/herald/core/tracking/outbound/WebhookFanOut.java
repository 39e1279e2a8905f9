package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.tracking.EventsApplied;
import io.herald.core.tracking.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns newly stored events into webhook deliveries: one queue message per (event, subscribed enabled endpoint).
 * Runs inside the track worker's step; if SQS refuses, it throws, so that the track job fails visibly rather than
 * the webhooks being lost without a trace. Disabled endpoints get nothing.
 */
@ApplicationScoped
public class WebhookFanOut {

    private final WebhookEndpoints endpoints;
    private final WebhookPayloads payloads;
    private final Queues queues;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookFanOut(WebhookEndpoints endpoints, WebhookPayloads payloads, Queues queues, ObjectMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.queues = queues;
        this.json = json;
        this.clock = clock;
    }

    void onApplied(@Observes EventsApplied applied) {
        enqueue(applied.tenantId(), applied.events());
    }

    /** Answers how many deliveries were enqueued. */
    public int enqueue(String tenantId, List<StoredEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<StoredEndpoint> enabled = endpoints.enabled(tenantId);
        if (enabled.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<QueueMessage> messages = new ArrayList<>();
        for (StoredEvent event : events) {
            String type = OutboundEventType.of(event.event().type()).wire();
            String body = null;
            for (StoredEndpoint endpoint : enabled) {
                if (!endpoint.subscribedTo(type)) {
                    continue;
                }
                body = body == null ? payloads.body(event) : body;
                WebhookJob job = new WebhookJob(tenantId, endpoint.id(), WebhookPayloads.webhookId(tenantId, event.event().eventId()),
                        event.event().eventId(), type, 1, now, body);
                messages.add(QueueMessage.now(write(job)));
            }
        }
        queues.sendAll(queues.webhookQueue(), messages);
        return messages.size();
    }

    /** Enqueues one test event for the endpoint, whatever it subscribes to; answers its webhook id. */
    public String enqueueTest(String tenantId, String endpointId) {
        Instant now = clock.instant();
        String webhookId = "msg_test_" + java.util.UUID.randomUUID().toString().replace("-", "");
        WebhookJob job = new WebhookJob(tenantId, endpointId, webhookId, null, OutboundEventType.TEST, 1, now, payloads.testBody(endpointId, now));
        queues.send(queues.webhookQueue(), QueueMessage.now(write(job)));
        return webhookId;
    }

    String write(WebhookJob job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a job always serializes", e);
        }
    }
}
