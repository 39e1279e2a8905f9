package io.herald.worker;

import io.herald.core.campaign.sending.CampaignPlanner;
import io.herald.core.campaign.sending.CampaignSender;
import io.herald.core.campaign.sending.ContentGenerator;
import io.herald.core.errors.HeraldException;
import io.herald.core.metrics.CampaignMetricsService;
import io.herald.core.queue.ReceivedMessage;
import io.herald.core.tracking.TrackWorker;
import io.herald.core.tracking.outbound.WebhookDeliverer;
import io.quarkus.funqy.Funq;
import jakarta.inject.Inject;

import java.util.List;

/** The worker's Lambda functions; {@code QUARKUS_FUNQY_EXPORT} picks one per deployed function. Each maps its event and calls core. */
public class WorkerFunctions {

    @Inject
    CampaignPlanner planner;

    @Inject
    ContentGenerator generator;

    @Inject
    CampaignSender sender;

    @Inject
    TrackWorker tracker;

    @Inject
    WebhookDeliverer webhooks;

    @Inject
    CampaignMetricsService metrics;

    /** Every minute (EventBridge schedule): plan due campaigns onto the send queue. */
    @Funq
    public CampaignPlanner.TickReport plan(ScheduledEvent tick) {
        return planner.tick();
    }

    /** Generate queue: write one content group x variant per message. */
    @Funq
    public BatchResponse generate(SqsEvent batch) {
        return BatchResponse.failing(generator.generateAll(received(batch)));
    }

    /** Send queue: one recipient per message, sent concurrently; failed records are redelivered by SQS. */
    @Funq
    public BatchResponse send(SqsEvent batch) {
        return BatchResponse.failing(sender.sendAll(received(batch)));
    }

    /** Track queue (and the SES events queue): apply verified events; a body nobody can read stays until the DLQ. */
    @Funq
    public BatchResponse track(SqsEvent batch) {
        return BatchResponse.failing(tracker.applyAll(received(batch)));
    }

    /** Webhook queue: one attempt to POST one event to one tenant endpoint per message; retries are new messages. */
    @Funq
    public BatchResponse deliver(SqsEvent batch) {
        return BatchResponse.failing(webhooks.deliverAll(received(batch)));
    }

    /**
     * On demand (or an operator's schedule with a constant input): rebuild one campaign's counters from its stored
     * events and message records. An unknown campaign or a missing id fails the invocation with a clear message.
     */
    @Funq
    public CampaignMetricsService.Reconciled reconcile(ReconcileRequest request) {
        if (request == null || request.tenantId() == null || request.tenantId().isBlank() || request.campaignId() == null
                || request.campaignId().isBlank()) {
            throw HeraldException.invalid("reconcile needs {\"tenantId\":...,\"campaignId\":...}");
        }
        return metrics.reconcile(request.tenantId(), request.campaignId());
    }

    private static List<ReceivedMessage> received(SqsEvent batch) {
        if (batch == null || batch.records() == null) {
            return List.of();
        }
        return batch.records().stream()
                .map(r -> new ReceivedMessage(r.messageId(), r.receiptHandle(), r.body(), r.receiveCount()))
                .toList();
    }
}
