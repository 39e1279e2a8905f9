package io.herald.worker.testing;

import io.herald.core.store.TableDefinition;
import io.herald.local.Dynalite;
import io.herald.local.MailDev;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The real servers the worker talks to in tests, on free ports: dynalite (DynamoDB), ElasticMQ in-process (SQS, with
 * a DLQ after {@link #MAX_RECEIVES} receives, as in AWS) and MailDev (SMTP).
 */
public class WorkerTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "herald-worker-test";
    public static final int MAX_RECEIVES = 3;

    private static MailDev mailDev;
    private static SqsClient sqs;
    private static String sendQueue;
    private static String sendDlq;
    private static String generateQueue;
    private static String trackQueue;
    private static String trackDlq;
    private static String webhookQueue;
    private Dynalite dynalite;
    private SQSRestServer elasticMq;

    public static MailDev mailDev() {
        return mailDev;
    }

    public static SqsClient sqs() {
        return sqs;
    }

    public static String sendQueue() {
        return sendQueue;
    }

    public static String sendDlq() {
        return sendDlq;
    }

    public static String generateQueue() {
        return generateQueue;
    }

    public static String trackQueue() {
        return trackQueue;
    }

    public static String trackDlq() {
        return trackDlq;
    }

    /** The outbound webhook queue (herald-webhooks), without a DLQ: each retry is a new message. */
    public static String webhookQueue() {
        return webhookQueue;
    }

    @Override
    public Map<String, String> start() {
        dynalite = Dynalite.start();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynalite.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            TableDefinition.ensureTable(client, TABLE);
        }
        int sqsPort = freePort();
        elasticMq = SQSRestServerBuilder.withPort(sqsPort).withInterface("127.0.0.1").start();
        elasticMq.waitUntilStarted();
        URI endpoint = URI.create("http://127.0.0.1:" + sqsPort);
        sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        sendDlq = sqs.createQueue(b -> b.queueName("herald-send-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(sendDlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sendQueue = sqs.createQueue(b -> b.queueName("herald-send").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVES + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}"))).queueUrl();
        generateQueue = sqs.createQueue(b -> b.queueName("herald-generate")).queueUrl();
        trackDlq = sqs.createQueue(b -> b.queueName("herald-track-dlq")).queueUrl();
        String trackDlqArn = sqs.getQueueAttributes(b -> b.queueUrl(trackDlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        trackQueue = sqs.createQueue(b -> b.queueName("herald-track").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVES + "\",\"deadLetterTargetArn\":\"" + trackDlqArn + "\"}"))).queueUrl();
        webhookQueue = sqs.createQueue(b -> b.queueName("herald-webhooks")).queueUrl();
        mailDev = MailDev.start();
        return Map.ofEntries(
                Map.entry("quarkus.dynamodb.endpoint-override", dynalite.endpoint().toString()),
                Map.entry("quarkus.dynamodb.aws.region", "us-east-1"),
                Map.entry("quarkus.dynamodb.aws.credentials.type", "static"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test"),
                Map.entry("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test"),
                Map.entry("herald.store.table", TABLE),
                Map.entry("herald.sqs.endpoint-override", endpoint.toString()),
                Map.entry("herald.sqs.region", "us-east-1"),
                Map.entry("herald.queues.send-url", sendQueue),
                Map.entry("herald.queues.generate-url", generateQueue),
                Map.entry("herald.queues.track-url", trackQueue),
                Map.entry("herald.queues.webhooks-url", webhookQueue),
                Map.entry("herald.secrets.key", randomKey()),
                Map.entry("herald.unsubscribe.signing-key", randomKey()),
                Map.entry("herald.unsubscribe.base-url", "https://herald.test.example"),
                Map.entry("herald.send.lease", "PT2S"));
    }

    @Override
    public void stop() {
        if (mailDev != null) {
            mailDev.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (elasticMq != null) {
            elasticMq.stopAndWait();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
