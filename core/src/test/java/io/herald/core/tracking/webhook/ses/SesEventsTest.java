package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackedEvent;
import io.herald.core.tracking.webhook.WebhookOutcome;
import io.herald.core.tracking.webhook.WebhookRequest;
import io.herald.core.tracking.webhook.sns.SnsTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.herald.core.tracking.webhook.sns.SnsTestKit.FIXTURE_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/** SES event records, both formats, into Herald's events: one per recipient, with Herald's ids from the tags. */
class SesEventsTest {

    static final String SES_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";
    static final Instant RECEIVED = Instant.parse("2026-12-01T09:30:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    static SesEvents.Parsed parse(JsonNode record) {
        return SesEvents.parse(record, RECEIVED);
    }

    @ParameterizedTest
    @CsvSource({
            "ses-event-bounce.json, bounce, recipient@example.com, 2017-08-05T00:41:02.669Z",
            "ses-event-complaint.json, complaint, recipient@example.com, 2017-08-05T00:41:02.669Z",
            "ses-event-delivery.json, delivered, recipient@example.com, 2016-10-19T23:21:04.133Z",
            "ses-event-reject.json, dropped, sender@example.com, 2016-10-14T17:38:15.211Z",
            "ses-event-open.json, open, recipient@example.com, 2017-08-09T22:00:19.652Z",
            "ses-event-click.json, click, recipient@example.com, 2017-08-09T23:51:25.570Z"})
    void eachDocRecordBecomesItsEvent(String fixture, EventType type, String recipient, String at) {
        SesEvents.Parsed parsed = parse(SnsTestKit.json(fixture));
        assertThat(parsed.ignored()).isEmpty();
        TrackedEvent event = parsed.events().get(0);
        assertThat(parsed.events()).hasSize(1);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse(at));
        assertThat(event.message().provider()).isEqualTo(ProviderKind.ses);
        assertThat(event.message().providerMessageId()).isEqualTo(SES_ID);
        assertThat(event.message().recipient()).isEqualTo(recipient);
        assertThat(event.message().messageId()).as("the doc records carry no Herald tags").isNull();
        assertThat(event.message().tenantId()).isNull();
        assertThat(event.eventId()).startsWith("ses:" + SES_ID + ":" + type.name() + ":" + SesEvents.sha256(recipient.toLowerCase(java.util.Locale.ROOT)).substring(0, 16))
                .as("no address in an event id").doesNotContain("@");
    }

    @Test
    void theDetailsOfEachDocRecord() {
        TrackedEvent bounce = parse(SnsTestKit.json("ses-event-bounce.json")).events().get(0);
        assertThat(bounce.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(bounce.detail().description()).isEqualTo("Permanent/General; 5.1.1; smtp; 550 5.1.1 user unknown");

        TrackedEvent complaint = parse(SnsTestKit.json("ses-event-complaint.json")).events().get(0);
        assertThat(complaint.detail().description()).startsWith("abuse");

        assertThat(parse(SnsTestKit.json("ses-event-delivery.json")).events().get(0).detail().description()).isEqualTo("250 2.6.0 Message received");
        assertThat(parse(SnsTestKit.json("ses-event-reject.json")).events().get(0).detail().description()).isEqualTo("rejected by SES: Bad content");

        TrackedEvent open = parse(SnsTestKit.json("ses-event-open.json")).events().get(0);
        assertThat(open.evidence().ip()).isEqualTo("192.0.2.1");
        assertThat(open.evidence().userAgent()).startsWith("Mozilla/5.0 (iPhone");

        TrackedEvent click = parse(SnsTestKit.json("ses-event-click.json")).events().get(0);
        assertThat(click.detail().url()).isEqualTo("http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html");
        assertThat(click.evidence().ip()).isEqualTo("192.0.2.1");
        assertThat(click.evidence().userAgent()).contains("Chrome/60");
    }

    @Test
    void aSendIsAcceptedAndIgnored() {
        SesEvents.Parsed parsed = parse(SnsTestKit.json("ses-event-send.json"));
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.ignored()).singleElement().asString().contains("Send");
    }

    @Test
    void heraldsIdsComeFromTheTags() {
        TrackedEvent event = parse(SnsTestKit.tagged("ses-event-delivery.json", "4f6e-msg", "acme")).events().get(0);
        assertThat(event.message().messageId()).isEqualTo("4f6e-msg");
        assertThat(event.message().tenantId()).isEqualTo("acme");
    }

    @Test
    void withoutTagsTheMessageIdHeaderStillNamesTheMessage() {
        ObjectNode record = SnsTestKit.json("ses-event-bounce.json");
        ((ObjectNode) record.path("mail")).withArray("/headers").addObject().put("name", "X-Herald-Message-Id").put("value", "hdr-msg");
        assertThat(parse(record).events().get(0).message().messageId()).isEqualTo("hdr-msg");
    }

    @Test
    void aBounceWithSeveralRecipientsIsOneEventEach() {
        ObjectNode record = SnsTestKit.tagged("ses-event-bounce.json", "m-1", "acme");
        ObjectNode bounce = (ObjectNode) record.path("bounce");
        bounce.withArray("/bouncedRecipients").addObject().put("emailAddress", "Second@Example.com").put("status", "5.1.2");
        bounce.withArray("/bouncedRecipients").addObject().put("emailAddress", "third@example.com");
        List<TrackedEvent> events = parse(record).events();
        assertThat(events).extracting(event -> event.message().recipient())
                .containsExactly("recipient@example.com", "Second@Example.com", "third@example.com");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.bounce);
            assertThat(event.message().messageId()).isEqualTo("m-1");
        });
        assertThat(events).extracting(TrackedEvent::eventId).doesNotHaveDuplicates()
                .contains("ses:" + SES_ID + ":bounce:" + SesEvents.sha256("second@example.com").substring(0, 16) + ":hard");
        assertThat(events.get(1).detail().description()).isEqualTo("Permanent/General; 5.1.2");
    }

    @Test
    void aComplaintAndADeliveryWithSeveralRecipientsAreOneEventEach() {
        ObjectNode complaint = SnsTestKit.json("ses-event-complaint.json");
        ((ObjectNode) complaint.path("complaint")).withArray("/complainedRecipients").addObject().put("emailAddress", "b@example.com");
        assertThat(parse(complaint).events()).extracting(event -> event.message().recipient()).containsExactly("recipient@example.com", "b@example.com");

        ObjectNode delivery = SnsTestKit.json("ses-event-delivery.json");
        ((ObjectNode) delivery.path("delivery")).withArray("/recipients").add("b@example.com").add("c@example.com");
        assertThat(parse(delivery).events()).extracting(event -> event.message().recipient())
                .containsExactly("recipient@example.com", "b@example.com", "c@example.com");
    }

    @ParameterizedTest
    @CsvSource({"Permanent, hard", "Transient, soft", "Undetermined, soft"})
    void bounceTypes(String bounceType, Bounce expected) {
        ObjectNode record = SnsTestKit.json("ses-event-bounce.json");
        ((ObjectNode) record.path("bounce")).put("bounceType", bounceType);
        assertThat(parse(record).events().get(0).detail().bounce()).isEqualTo(expected);
    }

    @Test
    void theClassicNotificationFormatReadsTheSame() {
        for (String fixture : List.of("ses-event-bounce.json", "ses-event-complaint.json", "ses-event-delivery.json")) {
            ObjectNode record = SnsTestKit.json(fixture);
            String type = record.remove("eventType").textValue();
            record.put("notificationType", type);
            ((ObjectNode) record.path("mail")).remove("tags");
            TrackedEvent classic = parse(record).events().get(0);
            TrackedEvent published = parse(SnsTestKit.json(fixture)).events().get(0);
            assertThat(classic).as("the same event in both formats has the same id, so it counts once").isEqualTo(published);
        }
        JsonNode succeeded = JSON.createObjectNode().put("notificationType", "AmazonSnsSubscriptionSucceeded").put("message", "You have successfully subscribed");
        assertThat(parse(succeeded).events()).isEmpty();
        assertThat(parse(succeeded).ignored()).hasSize(1);
    }

    @Test
    void deliveryDelayRenderingFailureAndSubscription() throws Exception {
        JsonNode delay = JSON.readTree("""
                {"eventType":"DeliveryDelay","mail":{"messageId":"ses-1","timestamp":"2020-06-16T00:15:40.641Z","destination":["a@example.com","b@example.com"]},
                 "deliveryDelay":{"timestamp":"2020-06-16T00:25:40.095Z","delayType":"TransientCommunicationFailure","expirationTime":"2020-06-16T00:25:40.914Z",
                 "delayedRecipients":[{"emailAddress":"b@example.com","status":"4.4.1","diagnosticCode":"smtp; 421 4.4.1 Unable to connect"}]}}""");
        TrackedEvent deferred = parse(delay).events().get(0);
        assertThat(parse(delay).events()).hasSize(1);
        assertThat(deferred.type()).isEqualTo(EventType.deferred);
        assertThat(deferred.message().recipient()).isEqualTo("b@example.com");
        assertThat(deferred.detail().description()).isEqualTo("TransientCommunicationFailure; 4.4.1; smtp; 421 4.4.1 Unable to connect");
        assertThat(deferred.eventId()).isEqualTo("ses:ses-1:deferred:" + SesEvents.sha256("b@example.com").substring(0, 16) + ":2020-06-16T00:25:40.095Z");

        JsonNode failure = JSON.readTree("""
                {"eventType":"Rendering Failure","mail":{"messageId":"ses-2","timestamp":"2018-01-22T18:43:06.197Z","destination":["a@example.com"]},
                 "failure":{"errorMessage":"Attribute 'attributeName' is not present in the rendering data.","templateName":"MyTemplate"}}""");
        TrackedEvent dropped = parse(failure).events().get(0);
        assertThat(dropped.type()).isEqualTo(EventType.dropped);
        assertThat(dropped.detail().description()).contains("MyTemplate").contains("not present");

        JsonNode unsubscribed = JSON.readTree("""
                {"eventType":"Subscription","mail":{"messageId":"ses-3","destination":["a@example.com"]},
                 "subscription":{"contactList":"news","timestamp":"2022-01-12T01:00:17.910Z","source":"UnsubscribeHeader",
                 "newTopicPreferences":{"unsubscribeAll":true},"oldTopicPreferences":{"unsubscribeAll":false}}}""");
        TrackedEvent unsubscribe = parse(unsubscribed).events().get(0);
        assertThat(unsubscribe.type()).isEqualTo(EventType.unsubscribe);
        assertThat(unsubscribe.occurredAt()).isEqualTo(Instant.parse("2022-01-12T01:00:17.910Z"));

        JsonNode topicsOnly = JSON.readTree("""
                {"eventType":"Subscription","mail":{"messageId":"ses-4","destination":["a@example.com"]},
                 "subscription":{"newTopicPreferences":{"unsubscribeAll":false,"topicSubscriptionStatus":[{"topicName":"t","subscriptionStatus":"OptOut"}]}}}""");
        assertThat(parse(topicsOnly).events()).isEmpty();
        assertThat(parse(topicsOnly).ignored()).hasSize(1);
    }

    @Test
    void aNotSpamReportIsNoComplaint() {
        ObjectNode record = SnsTestKit.json("ses-event-complaint.json");
        ((ObjectNode) record.path("complaint")).put("complaintFeedbackType", "not-spam");
        assertThat(parse(record).events()).isEmpty();
        assertThat(parse(record).ignored()).singleElement().asString().contains("not-spam");
    }

    @Test
    void unknownTypesAreIgnoredAndNamed() throws Exception {
        SesEvents.Parsed parsed = parse(JSON.readTree("{\"eventType\":\"Teleport\",\"mail\":{\"messageId\":\"x\"}}"));
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.ignored()).singleElement().asString().contains("Teleport");
    }

    @Test
    void aBounceWithNoMessageIdStillGetsAStableId() {
        ObjectNode record = SnsTestKit.json("ses-event-bounce.json");
        ((ObjectNode) record.path("mail")).remove("messageId");
        TrackedEvent first = parse(record).events().get(0);
        TrackedEvent again = parse(record.deepCopy()).events().get(0);
        assertThat(first.message().providerMessageId()).isNull();
        assertThat(first.eventId()).startsWith("ses:sha256:").isEqualTo(again.eventId());
    }

    @Test
    void opensAndClicksOfOneRecipientAreToldApartAndTheSameOneIsNot() {
        ObjectNode open = SnsTestKit.json("ses-event-open.json");
        ObjectNode later = open.deepCopy();
        ((ObjectNode) later.path("open")).put("timestamp", "2017-08-09T22:05:00.000Z");
        assertThat(parse(open).events().get(0).eventId()).isEqualTo(parse(open.deepCopy()).events().get(0).eventId())
                .isNotEqualTo(parse(later).events().get(0).eventId());
        ObjectNode click = SnsTestKit.json("ses-event-click.json");
        ObjectNode otherLink = click.deepCopy();
        ((ObjectNode) otherLink.path("click")).put("link", "https://shop.example.com/other");
        assertThat(parse(click).events().get(0).eventId()).isNotEqualTo(parse(otherLink).events().get(0).eventId());
    }

    @Test
    void eachSelfSignedSnsFixtureCarriesTheSameEventAsItsSesRecord() {
        SesWebhook webhook = SesWebhookTest.webhook(new SnsTestKit.FakeSnsHttp());
        for (String name : List.of("bounce", "click", "complaint", "delivery", "open", "reject", "send")) {
            WebhookOutcome outcome = webhook.receive(new WebhookRequest("acme", Map.of(), SnsTestKit.fixture("ses-sns-" + name + ".json"), RECEIVED),
                    SesWebhookTest.account(FIXTURE_TOPIC));
            SesEvents.Parsed direct = parse(SnsTestKit.json("ses-event-" + name + ".json"));
            assertThat(outcome.events()).as(name).isEqualTo(direct.events());
            assertThat(outcome.ignored()).as(name).isEqualTo(direct.ignored());
        }
    }
}
