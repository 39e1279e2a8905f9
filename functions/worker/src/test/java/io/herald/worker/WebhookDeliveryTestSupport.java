package io.herald.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.tracking.Attribution;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.Classification;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.StoredEvent;
import io.herald.core.tracking.TrackedEvent;
import io.herald.worker.testing.WorkerTestResources;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Stored events as the track worker hands them over, and what Lambda's SQS trigger does with the webhook queue. */
final class WebhookDeliveryTestSupport {

    private WebhookDeliveryTestSupport() {
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static StoredEvent event(String tenant, EventType type) {
        String messageId = "m-" + UUID.randomUUID();
        EventDetail detail = switch (type) {
            case click -> new EventDetail(null, "https://shop.example.com/spring", null, 3, null, null);
            case bounce -> new EventDetail(Bounce.hard, null, "550 5.1.1 user unknown", null, null, null);
            default -> EventDetail.none();
        };
        TrackedEvent event = new TrackedEvent("sendgrid:" + UUID.randomUUID(), type, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                new MessageRef(messageId, tenant, ProviderKind.sendgrid, "sg-" + messageId, "person@example.com"),
                new Evidence("Mozilla/5.0", "203.0.113.9", null, null), detail);
        return new StoredEvent(event, new Attribution(tenant, "cmp1", "A", messageId, "c1", false), Classification.human(), true, Instant.now());
    }

    /** Receives, invokes and deletes what succeeded, until the queue stays empty; answers the number of records handled. */
    static int pump(ObjectMapper json) throws Exception {
        int handled = 0;
        int idle = 0;
        while (idle < 2) {
            List<Message> received = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(WorkerTestResources.webhookQueue())
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (received.isEmpty()) {
                idle++;
                continue;
            }
            idle = 0;
            Set<String> failed = invoke(json, received);
            for (Message message : received) {
                if (!failed.contains(message.messageId())) {
                    WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(WorkerTestResources.webhookQueue()).receiptHandle(message.receiptHandle()));
                }
            }
            handled += received.size();
        }
        return handled;
    }

    /** One queue message as the next SQS receive would hand it out. */
    static Message receiveOne() {
        for (int round = 0; round < 10; round++) {
            List<Message> received = WorkerTestResources.sqs().receiveMessage(b -> b.queueUrl(WorkerTestResources.webhookQueue())
                    .maxNumberOfMessages(1).waitTimeSeconds(1)).messages();
            if (!received.isEmpty()) {
                return received.get(0);
            }
        }
        throw new AssertionError("no message on the webhook queue");
    }

    static void delete(Message message) {
        WorkerTestResources.sqs().deleteMessage(b -> b.queueUrl(WorkerTestResources.webhookQueue()).receiptHandle(message.receiptHandle()));
    }

    /** Posts the messages to the deliver function as one Lambda SQS event; answers the ids it reported failed. */
    static Set<String> invoke(ObjectMapper json, List<Message> messages) throws Exception {
        ObjectNode event = json.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject().put("messageId", message.messageId()).put("receiptHandle", message.receiptHandle())
                    .put("body", message.body()).put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:herald-webhooks");
            record.putObject("attributes").put("ApproximateReceiveCount", "1");
        }
        String answer = given().contentType(ContentType.JSON).body(json.writeValueAsString(event)).post().then().statusCode(200).extract().asString();
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : json.readTree(answer).path("batchItemFailures")) {
            failed.add(failure.path("itemIdentifier").asText());
        }
        return failed;
    }
}
