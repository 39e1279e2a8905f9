package io.herald.api.tracking;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.TestClock;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageKey;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.Messages;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.Money;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import io.herald.core.tracking.TrackedEvent;
import io.herald.core.tracking.firstparty.ClickToken;
import io.herald.core.tracking.firstparty.TrackingLinks;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** POST /v1/conversions: attribution by click, by message, by last message within the window, never across tenants. */
@QuarkusTest
@HeraldStack
class ConversionApiTest {

    @Inject
    Messages messages;

    @Inject
    TrackingLinks links;

    @Inject
    TrackQueue queue;

    private Api.TestTenant tenant;
    private Instant now;

    @BeforeEach
    void contact() {
        now = TestClock.fix();
        tenant = Api.newTenant();
        tenant.request().body("{\"id\":\"c1\",\"email\":\"ada@example.org\"}").post("/v1/contacts").then().statusCode(201);
    }

    /** A campaign message to c1, sent at {@code sentAt}, as the send worker records it. */
    private String sent(Api.TestTenant owner, String contactId, String campaignId, String variant, Instant sentAt) {
        Instant was = TestClock.now();
        TestClock.fix(sentAt);
        String messageId = UUID.randomUUID().toString();
        MessageKey key = MessageKey.campaign(owner.id(), contactId, campaignId);
        MessageRecord fresh = new MessageRecord(messageId, owner.id(), campaignId, contactId, "ada@example.org",
                new MessageContent(variant, "cc-1", "en", "template", "email", 1, "h"), MessageStatus.sending, "claim-1", sentAt,
                sentAt.plusSeconds(60), 1, ProviderKind.ses, null, null, null, sentAt, false);
        MessageRecord claimed = ((Messages.Claim.Granted) messages.claim(key, fresh)).record();
        assertThat(messages.markSent(key, claimed, new SendReceipt(ProviderKind.ses, "ses-" + messageId))).isTrue();
        TestClock.fix(was);
        return messageId;
    }

    private io.restassured.response.ValidatableResponse post(String body) {
        return tenant.request().body(body).post("/v1/conversions").then();
    }

    @Test
    void aClickTokenAttributesToItsMessageAndTheConversionIsQueuedAndRecordedOnTheContact() throws Exception {
        String older = sent(tenant, "c1", "camp-old", "a", now.minus(Duration.ofDays(1)));
        String clicked = sent(tenant, "c1", "camp-spring", "b", now.minus(Duration.ofDays(3)));
        String token = links.clickToken(new ClickToken(tenant.id(), clicked, "https://shop.example.com/", 0, 1, now.minus(Duration.ofDays(3))));
        post("""
                {"conversionId":"order-1","contactId":"c1","clickToken":"%s","messageId":"%s","kind":"purchase",
                 "value":{"amount":"49.90","currency":"EUR"},"occurredAt":"%s"}""".formatted(token, older, now.minusSeconds(60)))
                .statusCode(202)
                .body("conversionId", equalTo("order-1")).body("attributed", equalTo(true)).body("messageId", equalTo(clicked))
                .body("campaignId", equalTo("camp-spring")).body("variant", equalTo("b")).body("attributedBy", equalTo("click"));

        List<TrackJob> jobs = TrackQueueReader.jobs(queue, tenant.id(), 1);
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.source()).isEqualTo("conversion");
            TrackedEvent event = job.events().get(0);
            assertThat(event.eventId()).isEqualTo("conversion:order-1");
            assertThat(event.type()).isEqualTo(EventType.conversion);
            assertThat(event.message().messageId()).isEqualTo(clicked);
            assertThat(event.detail().value()).isEqualTo(new Money(4990, "EUR"));
            assertThat(event.detail().conversionKind()).isEqualTo("purchase");
            assertThat(event.occurredAt()).isEqualTo(now.minusSeconds(60));
        });
        tenant.request().get("/v1/contacts/c1/export").then().statusCode(200)
                .body("events.find { it.type == 'conversion' }.id", equalTo("conversion:order-1"))
                .body("events.find { it.type == 'conversion' }.properties.value.amount", equalTo("49.90"))
                .body("events.find { it.type == 'conversion' }.properties.campaignId", equalTo("camp-spring"));
    }

    @Test
    void aNamedMessageAttributesWithoutAClick() {
        String named = sent(tenant, "c1", "camp-a", "a", now.minus(Duration.ofDays(20)));
        sent(tenant, "c1", "camp-b", "a", now.minus(Duration.ofDays(1)));
        post("{\"conversionId\":\"o-2\",\"contactId\":\"c1\",\"messageId\":\"" + named + "\",\"kind\":\"signup\"}").statusCode(202)
                .body("attributed", equalTo(true)).body("messageId", equalTo(named)).body("attributedBy", equalTo("message"));
    }

    @Test
    void withoutEitherTheContactsLastMessageWithinTheWindowCounts() {
        sent(tenant, "c1", "camp-a", "a", now.minus(Duration.ofDays(6)));
        String last = sent(tenant, "c1", "camp-b", "b", now.minus(Duration.ofDays(2)));
        sent(tenant, "c1", "camp-c", "a", now.plus(Duration.ofHours(1)));
        post("{\"conversionId\":\"o-3\",\"email\":\"Ada@Example.org\",\"kind\":\"purchase\"}").statusCode(202)
                .body("attributed", equalTo(true)).body("messageId", equalTo(last)).body("campaignId", equalTo("camp-b"))
                .body("variant", equalTo("b")).body("attributedBy", equalTo("lastMessage"));
    }

    @Test
    void aLastMessageOutsideTheWindowIsNotAttributed() throws Exception {
        sent(tenant, "c1", "camp-a", "a", now.minus(Duration.ofDays(8)));
        post("{\"conversionId\":\"o-4\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"value\":{\"amount\":\"1200\",\"currency\":\"JPY\"}}")
                .statusCode(202).body("attributed", equalTo(false)).body("messageId", nullValue()).body("campaignId", nullValue())
                .body("attributedBy", equalTo("none"));
        tenant.request().get("/v1/contacts/c1/export").then().statusCode(200)
                .body("events.find { it.type == 'conversion' }.properties.attributedBy", equalTo("none"));
    }

    @Test
    void aRepostAnswersTheFirstAttributionAndRecordsOnce() {
        String first = sent(tenant, "c1", "camp-a", "a", now.minus(Duration.ofDays(2)));
        String body = "{\"conversionId\":\"o-5\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"value\":{\"amount\":\"10.00\",\"currency\":\"USD\"}}";
        post(body).statusCode(202).body("messageId", equalTo(first)).body("attributedBy", equalTo("lastMessage"));
        sent(tenant, "c1", "camp-b", "a", now.minus(Duration.ofDays(1)));
        post(body).statusCode(202).body("messageId", equalTo(first)).body("attributedBy", equalTo("lastMessage"));
        tenant.request().get("/v1/contacts/c1/export").then().statusCode(200)
                .body("events.findAll { it.type == 'conversion' }.size()", equalTo(1));
    }

    @Test
    void anotherTenantsMessageOrClickIsNeverAttributed() {
        Api.TestTenant other = Api.newTenant();
        other.request().body("{\"id\":\"c1\",\"email\":\"ada@example.org\"}").post("/v1/contacts").then().statusCode(201);
        String theirs = sent(other, "c1", "camp-x", "a", now.minus(Duration.ofDays(1)));
        String theirToken = links.clickToken(new ClickToken(other.id(), theirs, "https://shop.example.com/", 0, 1, now));
        post("{\"conversionId\":\"o-6\",\"contactId\":\"c1\",\"messageId\":\"" + theirs + "\",\"clickToken\":\"" + theirToken + "\",\"kind\":\"purchase\"}")
                .statusCode(202).body("attributed", equalTo(false)).body("attributedBy", equalTo("none")).body("messageId", nullValue());
    }

    @Test
    void badInputIsA400WithAPreciseDetail() {
        Map<String, String> cases = Map.of(
                "{\"contactId\":\"c1\",\"kind\":\"purchase\"}", "conversionId",
                "{\"conversionId\":\"x\",\"kind\":\"purchase\"}", "contactId or email",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\"}", "kind",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"value\":{\"amount\":\"49.999\",\"currency\":\"EUR\"}}",
                "49.999 has 3 decimals, but EUR has 2 minor digits",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"value\":{\"amount\":49.9,\"currency\":\"EUR\"}}", "amount",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"value\":{\"amount\":\"5\",\"currency\":\"EURO\"}}", "currency",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"clickToken\":\"forged\"}", "clickToken",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"occurredAt\":\"2099-01-01T00:00:00Z\"}", "future",
                "{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\",\"price\":3}", "price");
        cases.forEach((body, detail) -> {
            io.restassured.response.Response answer = tenant.request().body(body).post("/v1/conversions");
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.jsonPath().getString("detail")).as(body).contains(detail);
        });
        post("{\"conversionId\":\"x\",\"contactId\":\"nobody\",\"kind\":\"purchase\"}").statusCode(404);
        post("{\"conversionId\":\"x\",\"email\":\"nobody@example.org\",\"kind\":\"purchase\"}").statusCode(404);
    }

    @Test
    void noKeyNoConversion() {
        io.restassured.RestAssured.given().contentType("application/json").body("{\"conversionId\":\"x\",\"contactId\":\"c1\",\"kind\":\"purchase\"}")
                .post("/v1/conversions").then().statusCode(401);
    }
}
