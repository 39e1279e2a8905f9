package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.queue.ReceivedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code deliver} worker step: one attempt per queue message. A 2xx is delivered; anything else is a failed
 * attempt, logged, and the next one is a new message on the queue after the schedule's wait (so a long schedule
 * never runs into the queue's maxReceiveCount and its DLQ). When the schedule is over, the delivery counts against
 * the endpoint, which is disabled after {@link WebhookConfig#disableAfterFailures()} such deliveries in a row.
 * Only an error of Herald's own (store or queue unavailable) leaves a message to SQS's redelivery.
 */
@ApplicationScoped
public class WebhookDeliverer {

    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);
    private static final String USER_AGENT = "Herald-Webhooks/1";
    /** A retry message may arrive this much early (SQS delays are whole seconds) and still count as due. */
    private static final Duration EARLY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(12);
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Queues.BATCH_LIMIT, runnable -> {
        Thread thread = new Thread(runnable, "webhook-delivery");
        thread.setDaemon(true);
        return thread;
    });

    private final WebhookEndpoints endpoints;
    private final DeliveryLog log;
    private final WebhookTargets targets;
    private final WebhookTransport transport;
    private final Queues queues;
    private final WebhookConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    public WebhookDeliverer(WebhookEndpoints endpoints, DeliveryLog log, WebhookTargets targets, WebhookTransport transport,
            Queues queues, WebhookConfig config, ObjectMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.log = log;
        this.targets = targets;
        this.transport = transport;
        this.queues = queues;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** Delivers the batch concurrently; answers the SQS message ids to leave on the queue. */
    public List<String> deliverAll(List<ReceivedMessage> batch) {
        List<Future<?>> running = new ArrayList<>();
        for (ReceivedMessage message : batch) {
            running.add(POOL.submit(() -> {
                deliver(message);
                return null;
            }));
        }
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                running.get(i).get();
            } catch (ExecutionException e) {
                LOG.errorf(e.getCause(), "webhook delivery message %s failed; SQS redelivers it", batch.get(i).messageId());
                failed.add(batch.get(i).messageId());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(batch.get(i).messageId());
            }
        }
        return failed;
    }

    void deliver(ReceivedMessage message) throws IOException {
        WebhookJob job = json.readValue(message.body(), WebhookJob.class);
        Instant now = clock.instant();
        if (job.dueAt() != null && job.dueAt().isAfter(now.plus(EARLY))) {
            queues.send(queues.webhookQueue(), new QueueMessage(message.body(), Duration.between(now, job.dueAt())));
            return;
        }
        Optional<StoredEndpoint> found = endpoints.stored(job.tenantId(), job.endpointId());
        if (found.isEmpty()) {
            LOG.infof("webhook %s for deleted endpoint %s of tenant %s dropped", job.webhookId(), job.endpointId(), job.tenantId());
            return;
        }
        StoredEndpoint endpoint = found.get();
        if (!endpoint.enabled()) {
            log.record(job.tenantId(), endpoint.id(), attempt(job, now, null, null, "endpoint disabled: " + endpoint.disabledReason(), null,
                    DeliveryAttempt.Outcome.abandoned));
            return;
        }
        String refusal = targets.refusalAtDelivery(endpoint.url());
        if (refusal != null) {
            // the tenant reads the log: no resolved address in it (it would map the worker's network), only in ours
            LOG.warnf("webhook endpoint %s of tenant %s refused at delivery: its host %s", endpoint.id(), job.tenantId(), refusal);
            String error = "target refused: the URL's host resolves to an address that is not public (private, loopback, link-local or reserved)";
            log.record(job.tenantId(), endpoint.id(), attempt(job, now, null, null, error, null, DeliveryAttempt.Outcome.failed));
            endpoints.recordFinalFailure(job.tenantId(), endpoint.id(), error);
            return;
        }
        byte[] body = job.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put(WebhookSignatures.ID, job.webhookId());
        headers.put(WebhookSignatures.TIMESTAMP, Long.toString(timestamp));
        headers.put(WebhookSignatures.SIGNATURE, WebhookSignatures.header(endpoints.signingSecrets(job.tenantId(), endpoint, now), job.webhookId(), timestamp, body));
        long started = System.nanoTime();
        WebhookTransport.Answer answer = null;
        String error;
        try {
            answer = transport.post(endpoint.url(), headers, body);
            error = answer.status() / 100 == 2 ? null : "HTTP " + answer.status();
        } catch (HttpTimeoutException timeout) {
            error = "no answer within " + config.timeout().toMillis() + " ms";
        } catch (IOException | IllegalArgumentException unreachable) {
            error = "no answer: " + unreachable.getClass().getSimpleName() + (unreachable.getMessage() == null ? "" : " " + unreachable.getMessage());
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        Integer status = answer == null ? null : answer.status();
        if (error == null) {
            log.record(job.tenantId(), endpoint.id(), attempt(job, now, status, latencyMs, null, null, DeliveryAttempt.Outcome.delivered));
            endpoints.recordDelivered(job.tenantId(), endpoint);
            return;
        }
        if (status != null && status == 410) {
            log.record(job.tenantId(), endpoint.id(), attempt(job, now, status, latencyMs, error, null, DeliveryAttempt.Outcome.failed));
            endpoints.disable(job.tenantId(), endpoint.id(), "the endpoint answered 410 Gone");
            return;
        }
        List<Duration> schedule = config.retrySchedule();
        if (job.attempt() <= schedule.size()) {
            Duration wait = schedule.get(job.attempt() - 1);
            if (answer != null && answer.retryAfterSeconds() != null) {
                Duration asked = Duration.ofSeconds(Math.max(0, answer.retryAfterSeconds()));
                wait = asked.compareTo(wait) > 0 ? (asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked) : wait;
            }
            Instant due = now.plus(wait);
            WebhookJob next = job.next(due);
            queues.send(queues.webhookQueue(), new QueueMessage(json.writeValueAsString(next), wait));
            log.record(job.tenantId(), endpoint.id(), attempt(job, now, status, latencyMs, error, due, DeliveryAttempt.Outcome.retrying));
            return;
        }
        log.record(job.tenantId(), endpoint.id(), attempt(job, now, status, latencyMs, error, null, DeliveryAttempt.Outcome.failed));
        endpoints.recordFinalFailure(job.tenantId(), endpoint.id(), error).filter(e -> !e.enabled())
                .ifPresent(e -> LOG.warnf("webhook endpoint %s of tenant %s disabled: %s", e.id(), job.tenantId(), e.disabledReason()));
    }

    private static DeliveryAttempt attempt(WebhookJob job, Instant at, Integer status, Long latencyMs, String error, Instant next,
            DeliveryAttempt.Outcome outcome) {
        return new DeliveryAttempt(job.webhookId(), job.eventId(), job.type(), job.attempt(), at, status, latencyMs, error, next, outcome);
    }
}
