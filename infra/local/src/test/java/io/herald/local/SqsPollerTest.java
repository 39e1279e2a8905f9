package io.herald.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller against a real ElasticMQ and a real Quarkus mock event server, with a function in this JVM that
 * answers over the Lambda runtime API: what Lambda's SQS trigger does with partial batch failures,
 * redelivery, the DLQ and crashed invocations.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SqsPollerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration VISIBILITY = Duration.ofSeconds(2);

    private static ElasticMq elasticMq;
    private static SqsClient sqs;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startElasticMq() {
        elasticMq = ElasticMq.start();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
        elasticMq.close();
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void aPartialBatchFailureLeavesOnlyTheFailedMessageOnTheQueue() {
        WorkQueues.Queue queue = queue(VISIBILITY, 5);
        send(queue, "a", "b", "c");
        InJvmFunction function = function(event -> failBodies(event, record -> body(record).equals("b") && receiveCount(record) == 1));
        SqsPoller poller = poll(queue, function);

        awaitTrue(() -> poller.invocations() >= 1 && poller.deleted() == 2, "the first batch was handled");
        assertThat(batchBodies(function.invocations().get(0).event())).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(messagesOn(queue.url())).as("only b is left, in flight").isEqualTo(1);

        awaitTrue(() -> poller.deleted() == 3, "b came back and was taken");
        assertThat(deliveries(function, "b")).isEqualTo(2);
        assertThat(deliveries(function, "a")).isEqualTo(1);
        assertThat(deliveries(function, "c")).isEqualTo(1);
        assertThat(messagesOn(queue.url())).isZero();
    }

    @Test
    void aFailedMessageReappearsAfterTheVisibilityTimeoutAndNotBefore() {
        Duration visibility = Duration.ofSeconds(3);
        WorkQueues.Queue queue = queue(visibility, 5);
        send(queue, "retry-me");
        InJvmFunction function = function(event -> failBodies(event, record -> receiveCount(record) == 1));
        poll(queue, function);

        awaitTrue(() -> function.invocations().size() == 2, "the message was delivered again");
        JsonNode second = records(function.invocations().get(1).event()).get(0);
        Duration gap = Duration.between(function.invocations().get(0).at(), function.invocations().get(1).at());
        assertThat(gap).as("time until the redelivery").isGreaterThanOrEqualTo(visibility.minusMillis(300));
        assertThat(receiveCount(second)).isEqualTo(2);
        assertThat(body(second)).isEqualTo("retry-me");
    }

    @Test
    void aPoisonMessageMovesToTheDlqAfterMaxReceiveCountReceivesWhileTheRestOfItsBatchIsTaken() {
        int maxReceives = 3;
        WorkQueues.Queue queue = queue(Duration.ofSeconds(1), maxReceives);
        send(queue, "poison", "fine");
        InJvmFunction function = function(event -> failBodies(event, record -> body(record).equals("poison")));
        SqsPoller poller = poll(queue, function);

        List<Message> dead = new ArrayList<>();
        awaitTrue(() -> {
            dead.addAll(sqs.receiveMessage(b -> b.queueUrl(queue.dlqUrl()).waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("All")).messages());
            return !dead.isEmpty();
        }, "the poison message reached the DLQ");

        assertThat(dead).extracting(Message::body).containsExactly("poison");
        assertThat(deliveries(function, "poison")).as("receives before the DLQ").isEqualTo(maxReceives);
        assertThat(deliveries(function, "fine")).isEqualTo(1);
        assertThat(poller.deleted()).isEqualTo(1);
        assertThat(messagesOn(queue.url())).isZero();
    }

    @Test
    void aSuccessfulMessageIsDeletedOnceAndNeverDeliveredAgain() throws InterruptedException {
        WorkQueues.Queue queue = queue(Duration.ofSeconds(1), 5);
        send(queue, "once");
        InJvmFunction function = function(event -> InJvmFunction.Reply.ok("{\"batchItemFailures\":[]}"));
        SqsPoller poller = poll(queue, function);

        awaitTrue(() -> poller.deleted() == 1, "the message was deleted");
        Thread.sleep(Duration.ofSeconds(1).plusMillis(1500).toMillis());

        assertThat(function.invocations()).hasSize(1);
        assertThat(poller.deleted()).isEqualTo(1);
        assertThat(messagesOn(queue.url())).isZero();
    }

    @Test
    void aCrashedInvocationLeavesTheWholeBatchToReappear() {
        WorkQueues.Queue queue = queue(VISIBILITY, 5);
        send(queue, "x", "y");
        InJvmFunction function = function(event -> {
            if (receiveCount(records(event).get(0)) == 1) {
                throw new IllegalStateException("crashed");
            }
            return InJvmFunction.Reply.ok("");
        });
        SqsPoller poller = poll(queue, function);

        awaitTrue(() -> poller.deleted() == 2, "the batch was taken on its second delivery");
        assertThat(poller.retried()).as("messages left after the crash").isEqualTo(2);
        assertThat(deliveries(function, "x")).isEqualTo(2);
        assertThat(deliveries(function, "y")).isEqualTo(2);
    }

    @Test
    void anAnswerNamingAMessageOutsideTheBatchFailsTheWholeBatch() {
        WorkQueues.Queue queue = queue(VISIBILITY, 5);
        send(queue, "p", "q");
        InJvmFunction function = function(event -> receiveCount(records(event).get(0)) == 1
                ? InJvmFunction.Reply.ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-this-batch\"}]}")
                : InJvmFunction.Reply.ok("{\"batchItemFailures\":[]}"));
        SqsPoller poller = poll(queue, function);

        awaitTrue(() -> poller.deleted() == 2, "the batch was taken on its second delivery");
        assertThat(poller.retried()).isEqualTo(2);
        assertThat(deliveries(function, "p")).isEqualTo(2);
    }

    /** How the worker delays a retry (a provider's 429): it sets the visibility itself, and the poller leaves it so. */
    @Test
    void aVisibilityTheFunctionSetsOnAFailedMessageDecidesWhenItComesBack() {
        WorkQueues.Queue queue = queue(Duration.ofSeconds(20), 5);
        send(queue, "rate-limited");
        InJvmFunction function = function(event -> {
            JsonNode record = records(event).get(0);
            if (receiveCount(record) > 1) {
                return InJvmFunction.Reply.ok("");
            }
            sqs.changeMessageVisibility(b -> b.queueUrl(queue.url()).receiptHandle(record.path("receiptHandle").asText()).visibilityTimeout(1));
            return failBodies(event, any -> true);
        });
        SqsPoller poller = poll(queue, function);

        awaitTrue(() -> poller.deleted() == 1, "the message came back after the function's delay, not the queue's 20 s");
        Duration gap = Duration.between(function.invocations().get(0).at(), function.invocations().get(1).at());
        assertThat(gap).isBetween(Duration.ofMillis(700), Duration.ofSeconds(10));
    }

    @Test
    void eachRecordHasTheShapeOfLambdasSqsEvent() throws IOException {
        WorkQueues.Queue queue = queue(VISIBILITY, 5);
        String body = "{\"campaignId\":\"c1\",\"recipient\":\"ana\"}";
        sqs.sendMessage(b -> b.queueUrl(queue.url()).messageBody(body).messageAttributes(Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("demo").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("hi")).build())));
        InJvmFunction function = function(event -> InJvmFunction.Reply.ok(""));
        SqsPoller poller = poll(queue, function);
        awaitTrue(() -> poller.deleted() == 1, "the message was delivered");

        JsonNode record = records(function.invocations().get(0).event()).get(0);
        JsonNode documented = records(fixture("sqs/sqs-event-standard-two-records.json")).get(0);
        assertThat(fieldNames(record)).as("the record's fields, in Lambda's order").isEqualTo(fieldNames(documented));
        assertThat(fieldNames(record.path("attributes"))).containsAll(fieldNames(documented.path("attributes")));
        assertThat(record.path("body").asText()).isEqualTo(body);
        assertThat(record.path("md5OfBody").asText()).isEqualTo(md5Hex(body));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(queue.arn()).startsWith("arn:aws:sqs:" + ElasticMq.REGION + ":");
        assertThat(record.path("awsRegion").asText()).isEqualTo(ElasticMq.REGION);
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(Long.parseLong(record.path("attributes").path("SentTimestamp").asText()))
                .isBetween(Instant.now().minusSeconds(60).toEpochMilli(), Instant.now().toEpochMilli());
        assertThat(record.path("messageAttributes").path("tenant")).isEqualTo(JSON.readTree(
                "{\"stringValue\":\"demo\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}"));
        assertThat(record.path("messageAttributes").path("blob").path("binaryValue").asText()).isEqualTo("aGk=");
    }

    @Test
    void closingStopsPollingWithinTheWaitTime() {
        WorkQueues.Queue queue = queue(VISIBILITY, 5);
        InJvmFunction function = function(event -> InJvmFunction.Reply.ok(""));
        SqsPoller poller = SqsPoller.start(sqs, new SqsPoller.Options(queue, function.eventUrl(), 10, Duration.ofSeconds(1), Duration.ofSeconds(5)));

        long begin = System.nanoTime();
        poller.close();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));

        send(queue, "after-close");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue.url()).waitTimeSeconds(1)).messages())
                .as("nothing took the message sent after the poller stopped").extracting(Message::body).containsExactly("after-close");
        assertThat(function.invocations()).isEmpty();
    }

    // --- helpers

    private WorkQueues.Queue queue(Duration visibility, int maxReceiveCount) {
        return WorkQueues.ensure(sqs, new WorkQueues.Spec("t-" + UUID.randomUUID().toString().substring(0, 8), visibility, maxReceiveCount));
    }

    private static void send(WorkQueues.Queue queue, String... bodies) {
        List<SendMessageBatchRequestEntry> entries = IntStream.range(0, bodies.length)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies[i]).build()).toList();
        assertThat(sqs.sendMessageBatch(b -> b.queueUrl(queue.url()).entries(entries)).failed()).isEmpty();
    }

    private InJvmFunction function(Function<JsonNode, InJvmFunction.Reply> handler) {
        InJvmFunction function = InJvmFunction.start(handler);
        opened.add(function);
        return function;
    }

    private SqsPoller poll(WorkQueues.Queue queue, InJvmFunction function) {
        SqsPoller poller = SqsPoller.start(sqs, new SqsPoller.Options(queue, function.eventUrl(), 10, Duration.ofSeconds(1), Duration.ofSeconds(5)));
        opened.add(poller);
        return poller;
    }

    /** The answer of a function that fails the records matching the predicate, by their message ids. */
    private static InJvmFunction.Reply failBodies(JsonNode event, java.util.function.Predicate<JsonNode> fails) {
        StringBuilder failures = new StringBuilder();
        for (JsonNode record : records(event)) {
            if (fails.test(record)) {
                failures.append(failures.isEmpty() ? "" : ",").append("{\"itemIdentifier\":\"").append(record.path("messageId").asText()).append("\"}");
            }
        }
        return InJvmFunction.Reply.ok("{\"batchItemFailures\":[" + failures + "]}");
    }

    private static List<JsonNode> records(JsonNode event) {
        return StreamSupport.stream(event.path("Records").spliterator(), false).toList();
    }

    private static List<String> batchBodies(JsonNode event) {
        return records(event).stream().map(SqsPollerTest::body).toList();
    }

    private static String body(JsonNode record) {
        return record.path("body").asText();
    }

    private static int receiveCount(JsonNode record) {
        return Integer.parseInt(record.path("attributes").path("ApproximateReceiveCount").asText());
    }

    private static long deliveries(InJvmFunction function, String body) {
        return function.invocations().stream().flatMap(invocation -> records(invocation.event()).stream())
                .filter(record -> body(record).equals(body)).count();
    }

    /** Visible plus in-flight messages. */
    private static int messagesOn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static JsonNode fixture(String path) throws IOException {
        try (InputStream in = SqsPollerTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return String.format("%032x", new BigInteger(1, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within 15 s: " + what);
    }
}
