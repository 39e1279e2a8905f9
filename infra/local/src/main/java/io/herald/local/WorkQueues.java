package io.herald.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates Herald's work queues, each with its dead-letter queue and a redrive policy, through the SQS API
 * itself (CreateQueue is idempotent for equal attributes), so the same calls work against ElasticMQ or AWS.
 * In AWS, {@code template.yaml} declares the same queues; this is what the local stack and the tests use.
 */
public final class WorkQueues {

    /** The queue {@code plan} fills and {@code send} drains. */
    public static final String SEND = "herald-send";
    /** The queue of content generations for campaigns, drained by {@code generate}. */
    public static final String GENERATE = "herald-generate";
    /** Verified provider events, opens, clicks and conversions from the api, drained by {@code track}. */
    public static final String TRACK = "herald-track";
    /**
     * SES events as SNS delivers them into SQS (in AWS only the SES events topic writes there), drained by
     * {@code track} too. Locally nothing fills it by itself: put an SNS notification on it to try the SQS path.
     */
    public static final String SES_EVENTS = "herald-ses-events";
    /** Outbound webhook attempts, one per message, drained by {@code deliver}. */
    public static final String WEBHOOKS = "herald-webhooks";
    /** Appended to a queue's name to name its dead-letter queue. */
    public static final String DLQ_SUFFIX = "-dlq";
    /** As in {@code template.yaml}: a message that failed this many receives moves to the DLQ. */
    public static final int DEFAULT_MAX_RECEIVE_COUNT = 5;
    /** SQS's longest retention, so that a dead letter waits for an operator for two weeks. */
    static final Duration DLQ_RETENTION = Duration.ofDays(14);

    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkQueues() {
    }

    /**
     * What to create.
     *
     * @param name              the queue's name; its DLQ is {@code name + "-dlq"}
     * @param visibilityTimeout how long a received message stays hidden (whole seconds, at most 12 hours); a failed
     *                          message reappears after it, unless the consumer changed its visibility
     * @param maxReceiveCount   receives after which SQS moves a message to the DLQ instead of delivering it again
     */
    public record Spec(String name, Duration visibilityTimeout, int maxReceiveCount) {

        public Spec {
            if (name == null || !name.matches("[A-Za-z0-9_-]{1,76}")) {
                throw new IllegalArgumentException("a queue name has 1 to 76 letters, digits, - or _ (room for -dlq): " + name);
            }
            if (visibilityTimeout.isNegative() || visibilityTimeout.toSeconds() > 43_200 || visibilityTimeout.toNanos() % 1_000_000_000 != 0) {
                throw new IllegalArgumentException("a visibility timeout is 0 to 43200 whole seconds, not " + visibilityTimeout);
            }
            if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
                throw new IllegalArgumentException("maxReceiveCount is 1 to 1000, not " + maxReceiveCount);
            }
        }

        public static Spec of(String name, Duration visibilityTimeout) {
            return new Spec(name, visibilityTimeout, DEFAULT_MAX_RECEIVE_COUNT);
        }
    }

    /** A created queue and its dead-letter queue. */
    public record Queue(String name, String url, String arn, String dlqUrl, String dlqArn) {
    }

    /** Creates the DLQ, then the queue redriving to it, and returns both URLs and ARNs. */
    public static Queue ensure(SqsClient sqs, Spec spec) {
        String dlqName = spec.name() + DLQ_SUFFIX;
        String dlqUrl = sqs.createQueue(b -> b.queueName(dlqName).attributes(Map.of(
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(DLQ_RETENTION.toSeconds())))).queueUrl();
        String dlqArn = arn(sqs, dlqUrl);
        String url = sqs.createQueue(b -> b.queueName(spec.name()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(spec.visibilityTimeout().toSeconds()),
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqArn, spec.maxReceiveCount())))).queueUrl();
        return new Queue(spec.name(), url, arn(sqs, url), dlqUrl, dlqArn);
    }

    public static List<Queue> ensure(SqsClient sqs, List<Spec> specs) {
        return specs.stream().map(spec -> ensure(sqs, spec)).toList();
    }

    /** SQS's redrive policy document: the DLQ's ARN and the receive count, which SQS reads as a string. */
    static String redrivePolicy(String dlqArn, int maxReceiveCount) {
        try {
            return JSON.writeValueAsString(Map.of("deadLetterTargetArn", dlqArn, "maxReceiveCount", Integer.toString(maxReceiveCount)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String arn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
