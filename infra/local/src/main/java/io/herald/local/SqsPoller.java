package io.herald.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The local stand-in for Lambda's SQS event source mapping with {@code ReportBatchItemFailures}: it long-polls
 * one queue, hands each batch to a function as the SQS event Lambda builds, deletes the messages the function
 * did not report as failed, and leaves the failed ones alone, so they reappear after the queue's visibility
 * timeout (or after whatever visibility the function itself set with ChangeMessageVisibility on their receipt
 * handles) and move to the dead-letter queue after the queue's {@code maxReceiveCount}. An invocation that
 * fails as a whole (the function threw, crashed, timed out, or answered with an item id that is not in the
 * batch) deletes nothing, as on Lambda. One poller feeds one function one batch at a time, which is what one
 * local Lambda process can take.
 */
public final class SqsPoller implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqsPoller.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long to wait after SQS itself failed (ElasticMQ stopping, say) before polling again. */
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(1);

    /**
     * How to poll.
     *
     * @param queue             the queue (its URL to poll, its ARN for the events)
     * @param function          where raw events are POSTed: a local Lambda's {@code /_lambda_} endpoint
     * @param batchSize         at most this many messages per invocation (1 to 10, one ReceiveMessage)
     * @param waitTime          the long poll's wait (0 to 20 s); also bounds how long {@link #close()} waits for it
     * @param invocationTimeout how long one invocation may take before its batch counts as failed; keep it below
     *                          the queue's visibility timeout, or a message reappears while it is still being worked on
     */
    public record Options(WorkQueues.Queue queue, URI function, int batchSize, Duration waitTime, Duration invocationTimeout) {

        public Options {
            if (batchSize < 1 || batchSize > 10) {
                throw new IllegalArgumentException("batchSize is 1 to 10, not " + batchSize);
            }
            if (waitTime.isNegative() || waitTime.toSeconds() > 20) {
                throw new IllegalArgumentException("waitTime is 0 to 20 s, not " + waitTime);
            }
            if (invocationTimeout.isNegative() || invocationTimeout.isZero()) {
                throw new IllegalArgumentException("invocationTimeout must be positive");
            }
        }

        /** Batches of 10 with SQS's longest wait, as the template's event source mappings. */
        public static Options of(WorkQueues.Queue queue, URI function, Duration invocationTimeout) {
            return new Options(queue, function, 10, Duration.ofSeconds(20), invocationTimeout);
        }

        public Options withWaitTime(Duration newWaitTime) {
            return new Options(queue, function, batchSize, newWaitTime, invocationTimeout);
        }

        public Options withBatchSize(int newBatchSize) {
            return new Options(queue, function, newBatchSize, waitTime, invocationTimeout);
        }
    }

    /**
     * What became of one batch.
     *
     * @param deleted      message ids the function took and the poller deleted
     * @param retried      message ids left on the queue to reappear
     * @param failure      why the invocation failed as a whole, if it did
     */
    public record Outcome(List<String> deleted, List<String> retried, Optional<String> failure) {
    }

    private final SqsClient sqs;
    private final Options options;
    private final HttpClient http;
    private final Thread thread;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong deletedCount = new AtomicLong();
    private final AtomicLong retriedCount = new AtomicLong();
    private volatile boolean running = true;

    private SqsPoller(SqsClient sqs, Options options) {
        this.sqs = sqs;
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.thread = new Thread(this::run, "sqs-poller-" + options.queue().name());
    }

    /** Starts polling in a thread of its own; {@link #close()} stops it. The client stays the caller's. */
    public static SqsPoller start(SqsClient sqs, Options options) {
        SqsPoller poller = new SqsPoller(sqs, options);
        poller.thread.start();
        return poller;
    }

    public Options options() {
        return options;
    }

    /** Invocations so far, whatever their outcome. */
    public long invocations() {
        return invocations.get();
    }

    /** Messages deleted after the function took them. */
    public long deleted() {
        return deletedCount.get();
    }

    /** Messages left on the queue after an invocation, to reappear. */
    public long retried() {
        return retriedCount.get();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "polling " + options.queue().name() + " failed, retrying: " + e);
                    pause();
                }
            }
        }
    }

    /** One round: receive a batch, invoke the function with it, delete what it took. Empty if nothing arrived. */
    Optional<Outcome> pollOnce() {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(options.queue().url())
                .maxNumberOfMessages(options.batchSize())
                .waitTimeSeconds((int) options.waitTime().toSeconds())
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        invocations.incrementAndGet();
        Outcome outcome = invoke(batch);
        delete(batch, outcome.deleted());
        retriedCount.addAndGet(outcome.retried().size());
        if (!outcome.retried().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0}: {1} of {2} messages left to reappear{3}", options.queue().name(),
                    outcome.retried().size(), batch.size(), outcome.failure().map(why -> " (" + why + ")").orElse(""));
        }
        return Optional.of(outcome);
    }

    private Outcome invoke(List<Message> batch) {
        HttpRequest request = HttpRequest.newBuilder(options.function())
                .timeout(options.invocationTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event(batch, options.queue().arn()).toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return outcome(batch, response.statusCode(), response.body());
        } catch (IOException e) {
            return failedAsAWhole(batch, "the invocation failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failedAsAWhole(batch, "interrupted while the function worked");
        }
    }

    /** The event Lambda's SQS trigger builds for a batch, record by record (see AWS's "Using Lambda with Amazon SQS"). */
    static ObjectNode event(List<Message> batch, String queueArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", regionOf(queueArn));
        }
        return event;
    }

    private static ObjectNode messageAttribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", value.binaryValue().asByteArray());
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().stream().map(SdkBytes::asByteArray).forEach(binaries::add);
        node.put("dataType", value.dataType());
        return node;
    }

    /** {@code arn:aws:sqs:<region>:<account>:<name>} */
    private static String regionOf(String queueArn) {
        String[] parts = queueArn.split(":");
        return parts.length > 3 ? parts[3] : ElasticMq.REGION;
    }

    /**
     * Reads the function's answer as Lambda does with {@code ReportBatchItemFailures}: no body or no
     * {@code batchItemFailures} means every message succeeded; each listed {@code itemIdentifier} failed; an
     * answer that is not such an object, or that names an id missing from the batch, fails the whole batch.
     */
    static Outcome outcome(List<Message> batch, int status, String body) {
        if (status == 204 || (status == 200 && (body == null || body.isBlank()))) {
            return new Outcome(ids(batch), List.of(), Optional.empty());
        }
        if (status != 200) {
            return failedAsAWhole(batch, "the function failed (" + status + "): " + abbreviate(body));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException notJson) {
            return failedAsAWhole(batch, "the function's answer is not JSON: " + abbreviate(body));
        }
        JsonNode failures = answer.path("batchItemFailures");
        if (failures.isMissingNode() || failures.isNull()) {
            return new Outcome(ids(batch), List.of(), Optional.empty());
        }
        if (!failures.isArray()) {
            return failedAsAWhole(batch, "batchItemFailures is not a list: " + abbreviate(body));
        }
        List<String> inBatch = ids(batch);
        Set<String> failed = new LinkedHashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.path("itemIdentifier");
            if (!id.isTextual() || !inBatch.contains(id.asText())) {
                return failedAsAWhole(batch, "batchItemFailures names " + failure + ", which is not a message of this batch");
            }
            failed.add(id.asText());
        }
        return new Outcome(inBatch.stream().filter(id -> !failed.contains(id)).toList(), List.copyOf(failed), Optional.empty());
    }

    private static Outcome failedAsAWhole(List<Message> batch, String why) {
        return new Outcome(List.of(), ids(batch), Optional.of(why));
    }

    private static List<String> ids(List<Message> batch) {
        return batch.stream().map(Message::messageId).toList();
    }

    private void delete(List<Message> batch, List<String> messageIds) {
        List<Message> done = batch.stream().filter(message -> messageIds.contains(message.messageId())).toList();
        if (done.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = IntStream.range(0, done.size())
                .mapToObj(i -> DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(done.get(i).receiptHandle()).build())
                .toList();
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(options.queue().url()).entries(entries));
        deletedCount.addAndGet(response.successful().size());
        response.failed().forEach(failure -> LOG.log(System.Logger.Level.WARNING, "{0}: could not delete message {1} ({2}); it will be delivered again",
                options.queue().name(), done.get(Integer.parseInt(failure.id())).messageId(), failure.message()));
    }

    private static String abbreviate(String text) {
        String oneLine = String.valueOf(text).replaceAll("\\s+", " ");
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_ERROR.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops after the current receive and invocation (bounded by the wait and the invocation timeout). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(options.waitTime().plus(options.invocationTimeout()).plusSeconds(5).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
