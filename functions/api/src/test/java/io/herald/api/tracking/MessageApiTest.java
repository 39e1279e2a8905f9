package io.herald.api.tracking;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.core.tracking.EventApplier;
import io.herald.core.tracking.EventDetail;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.Evidence;
import io.herald.core.tracking.MessageRef;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackedEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** {@code GET /v1/messages/{id}}: the record, the delivery status and the events in time order, within the caller's tenant only. */
@QuarkusTest
@HeraldStack
class MessageApiTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

    @Inject
    Messages messages;
    @Inject
    EventApplier applier;

    @Test
    void theTimelineShowsWhatMadeTheMessageItsDeliveryAndItsEventsInTimeOrderWithTheirClassification() {
        Api.TestTenant a = Api.newTenant();
        MessageRecord message = seed(a.id());
        applier.apply(new TrackJob(a.id(), "sendgrid", T0, List.of(
                event("sendgrid:o2", EventType.open, T0.plusSeconds(3600), message, new Evidence("Mozilla/5.0 (iPhone)", null, "GET", null)),
                event("sendgrid:d1", EventType.delivered, T0.plusSeconds(2), message, Evidence.none()),
                event("sendgrid:o1", EventType.open, T0.plusSeconds(5), message, new Evidence("Mozilla/5.0", null, null, "sg_machine_open")))));

        a.request().get("/v1/messages/" + message.messageId()).then().statusCode(200)
                .body("message.messageId", equalTo(message.messageId()))
                .body("message.status", equalTo("sent"))
                .body("message.provider", equalTo("sendgrid"))
                .body("message.content.variant", equalTo("B"))
                .body("message.content.promptVersion", equalTo(3))
                .body("message", not(hasKey("claim")))
                .body("delivery.status", equalTo("delivered"))
                .body("delivery.at", equalTo("2026-11-30T08:00:02Z"))
                .body("delivery.firstOpenAt", equalTo("2026-11-30T08:00:05Z"))
                .body("delivery.firstHumanOpenAt", equalTo("2026-11-30T09:00:00Z"))
                .body("events.eventId", contains("sendgrid:d1", "sendgrid:o1", "sendgrid:o2"))
                .body("events.audience", contains("human", "machine", "human"))
                .body("events[1].reason", equalTo("provider flag sg_machine_open"))
                .body("truncated", equalTo(false));
    }

    @Test
    void anotherTenantsMessageAndAnUnknownIdAreNotFound() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        MessageRecord ofA = seed(a.id());

        b.request().get("/v1/messages/" + ofA.messageId()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        a.request().get("/v1/messages/no-such-message").then().statusCode(404);
        given().get("/v1/messages/" + ofA.messageId()).then().statusCode(401);
        a.request().get("/v1/messages/" + ofA.messageId()).then().statusCode(200).body("delivery.status", equalTo("pending"))
                .body("events.size()", equalTo(0));
    }

    private MessageRecord seed(String tenant) {
        MessageKey key = MessageKey.campaign(tenant, "c1", "camp-1");
        Instant now = Instant.now();
        MessageRecord fresh = new MessageRecord(UUID.randomUUID().toString(), tenant, "camp-1", "c1", "c1@example.com",
                new MessageContent("B", "cc-camp-1-B", "en", "llm", "builtin.email", 3, "9f2c41d0"), MessageStatus.sending,
                UUID.randomUUID().toString(), now, now.plusSeconds(60), 1, ProviderKind.sendgrid, null, null, null, now, false);
        MessageRecord claimed = ((Messages.Claim.Granted) messages.claim(key, fresh)).record();
        messages.markSent(key, claimed, new SendReceipt(ProviderKind.sendgrid, "pm-" + UUID.randomUUID()));
        return messages.find(key).orElseThrow();
    }

    private static TrackedEvent event(String id, EventType type, Instant at, MessageRecord message, Evidence evidence) {
        return new TrackedEvent(id, type, at, new MessageRef(message.messageId(), null, ProviderKind.sendgrid, null, null), evidence,
                EventDetail.none());
    }
}
