package io.herald.core.tracking.outbound;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One attempt to make, as a message on the webhook queue. The body travels in the message as the exact bytes that
 * are signed and sent, so every attempt (and every redelivery of the message) POSTs the same body under the same
 * {@code webhook-id}; only the attempt's timestamp and signatures change.
 *
 * @param webhookId the Standard Webhooks id: derived from the stored event, the same for every attempt
 * @param eventId the stored event's id, for the delivery log (null for a test event)
 * @param type the outbound type
 * @param attempt 1 for the first attempt
 * @param dueAt when the attempt is due: a retry longer than SQS's 15-minute delay is re-queued until then
 * @param body the payload JSON
 */
@RegisterForReflection
public record WebhookJob(String tenantId, String endpointId, String webhookId, String eventId, String type, int attempt,
        Instant dueAt, String body) {

    WebhookJob next(Instant due) {
        return new WebhookJob(tenantId, endpointId, webhookId, eventId, type, attempt + 1, due, body);
    }
}
