package io.herald.core.campaign.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.campaign.CampaignProgress;
import io.herald.core.queue.Queues;
import io.herald.core.queue.ReceivedMessage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The send step over one SQS batch: each job on a bounded pool (so the provider's latency, not Herald, bounds
 * throughput), one {@link RecipientSender} run per job, then the campaign counters added once per campaign of the
 * batch. Answers the SQS message ids to leave on the queue: a poison message fails alone, the rest of its batch is
 * still sent.
 */
@ApplicationScoped
public class CampaignSender {

    private static final Logger LOG = Logger.getLogger(CampaignSender.class);

    private final RecipientSender recipients;
    private final CampaignProgress progress;
    private final Queues queues;
    private final ObjectMapper json;
    private final ExecutorService pool;

    public CampaignSender(RecipientSender recipients, CampaignProgress progress, Queues queues, ObjectMapper json, SendConfig config) {
        this.recipients = recipients;
        this.progress = progress;
        this.queues = queues;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.concurrency(), task -> {
            Thread thread = new Thread(task, "herald-send-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends the batch; answers the message ids that must stay on the queue. */
    public Set<String> sendAll(List<ReceivedMessage> batch) {
        Map<String, Future<Outcome>> running = new HashMap<>();
        for (ReceivedMessage message : batch) {
            running.put(message.messageId(), pool.submit(() -> handle(message)));
        }
        Set<String> failed = new LinkedHashSet<>();
        List<Outcome.Ack> acks = new ArrayList<>();
        for (ReceivedMessage message : batch) {
            Outcome outcome = await(message, running.get(message.messageId()));
            if (outcome instanceof Outcome.Ack ack) {
                acks.add(ack);
            } else {
                Outcome.Retry retry = (Outcome.Retry) outcome;
                failed.add(message.messageId());
                delay(message, retry);
            }
        }
        count(acks);
        return failed;
    }

    private Outcome handle(ReceivedMessage message) {
        Optional<SendJob> job = parse(message);
        if (job.isEmpty()) {
            return new Outcome.Retry(null, "poison: the body is not a send job");
        }
        return recipients.send(job.get());
    }

    private Optional<SendJob> parse(ReceivedMessage message) {
        try {
            SendJob job = json.readValue(message.body(), SendJob.class);
            if (job != null && job.isValid()) {
                return Optional.of(job);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // reported below, without the body: it may hold an address
        }
        LOG.errorf("send message %s is not a send job; it stays on the queue until it reaches the DLQ", message.messageId());
        return Optional.empty();
    }

    /** A job that threw (a bug, a store outage, or a crash a test injected) stays on the queue like any retry. */
    private static Outcome await(ReceivedMessage message, Future<Outcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            LOG.errorf(e.getCause(), "send message %s failed; SQS will deliver it again", message.messageId());
            return new Outcome.Retry(null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retry(null, "interrupted");
        }
    }

    /** Hides the message for the retry's delay; if that fails, the queue's own visibility timeout applies. */
    private void delay(ReceivedMessage message, Outcome.Retry retry) {
        if (retry.delay() == null || message.receiptHandle() == null) {
            return;
        }
        try {
            queues.retryAfter(queues.sendQueue(), message.receiptHandle(), retry.delay());
        } catch (RuntimeException e) {
            LOG.warnf("cannot delay send message %s (%s); it reappears after the queue's visibility timeout", message.messageId(), e.getMessage());
        }
    }

    /**
     * One ADD per campaign of the batch. The messages are recorded already: a failure here leaves the counters
     * short (the planner's completion check allows for it), and failing the records would not bring them back.
     */
    private void count(List<Outcome.Ack> acks) {
        Map<List<String>, Map<String, Long>> byCampaign = new HashMap<>();
        for (Outcome.Ack ack : acks) {
            if (!ack.counters().isEmpty()) {
                Map<String, Long> sums = byCampaign.computeIfAbsent(List.of(ack.tenantId(), ack.campaignId()), k -> new HashMap<>());
                ack.counters().forEach((counter, delta) -> sums.merge(counter, delta, Long::sum));
            }
        }
        byCampaign.forEach((campaign, counters) -> {
            try {
                progress.record(campaign.get(0), campaign.get(1), counters);
            } catch (RuntimeException e) {
                LOG.errorf(e, "cannot add %s to the progress of campaign %s", counters, campaign.get(1));
            }
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
