package io.herald.core.queue;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts messages on Herald's queues: {@code SendMessageBatch}, ten to a call, each message with its own delay.
 * SQS may accept a batch but fail some of its entries; those (and only those) are sent again, so a message is
 * never silently dropped. Consumers are idempotent (the send claim, the generation's conditional put), so the rare
 * duplicate that a retried call can produce is harmless.
 */
@ApplicationScoped
public class Queues {

    /** SQS takes at most ten entries per batch call. */
    public static final int BATCH_LIMIT = 10;
    private static final int MAX_ENTRY_ATTEMPTS = 5;

    private final SqsCalls calls;
    private final QueueConfig config;

    Queues(SqsCalls calls, QueueConfig config) {
        this.calls = calls;
        this.config = config;
    }

    public String sendQueue() {
        return config.sendUrl();
    }

    public String generateQueue() {
        return config.generateUrl();
    }

    public String trackQueue() {
        return config.trackUrl();
    }

    public String webhookQueue() {
        return config.webhooksUrl();
    }

    /** Sends every message, ten to a call; answers when SQS holds all of them, or throws. */
    public void sendAll(String queueUrl, List<QueueMessage> messages) {
        for (int start = 0; start < messages.size(); start += BATCH_LIMIT) {
            sendBatch(queueUrl, messages.subList(start, Math.min(messages.size(), start + BATCH_LIMIT)));
        }
    }

    public void send(String queueUrl, QueueMessage message) {
        sendAll(queueUrl, List.of(message));
    }

    /** Hides a received message for {@code delay} from now (0 to 12 hours), after which SQS delivers it again. */
    public void retryAfter(String queueUrl, String receiptHandle, Duration delay) {
        calls.changeVisibility(queueUrl, receiptHandle, (int) Math.max(0, Math.min(delay.toSeconds(), 43_200)));
    }

    private void sendBatch(String queueUrl, List<QueueMessage> batch) {
        Map<String, SendMessageBatchRequestEntry> pending = new HashMap<>();
        for (int index = 0; index < batch.size(); index++) {
            QueueMessage message = batch.get(index);
            String id = "m" + index;
            pending.put(id, SendMessageBatchRequestEntry.builder().id(id).messageBody(message.body())
                    .delaySeconds(message.delaySeconds()).build());
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            SendMessageBatchResponse response = calls.sendBatch(queueUrl, new ArrayList<>(pending.values()));
            response.successful().forEach(ok -> pending.remove(ok.id()));
            for (BatchResultErrorEntry failed : response.failed()) {
                if (Boolean.TRUE.equals(failed.senderFault())) {
                    throw new IllegalArgumentException("SQS refused a message as malformed: " + failed.code() + " " + failed.message());
                }
            }
            if (!pending.isEmpty() && attempt == MAX_ENTRY_ATTEMPTS) {
                throw SdkClientException.create("SQS failed " + pending.size() + " batch entries " + attempt + " times");
            }
            pause(attempt, pending.isEmpty());
        }
    }

    private static void pause(int attempt, boolean done) {
        if (done) {
            return;
        }
        try {
            Thread.sleep(50L << Math.min(attempt, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while retrying failed batch entries", e);
        }
    }
}
