package io.herald.core.tracking.webhook.ses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.webhook.sns.SnsTestKit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.herald.core.tracking.webhook.sns.SnsTestKit.FIXTURE_TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/** SES events that SNS writes into SQS: the envelope or the raw record, the tenant from Herald's tag only. */
class SesQueueEventsTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");
    final SesQueueEvents queue = new SesQueueEvents(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theRawRecordAndTheSnsEnvelopeGiveTheSameJob() {
        ObjectNode record = SnsTestKit.tagged("ses-event-bounce.json", "m-1", "acme");
        List<TrackJob> raw = queue.decode(record.toString()).orElseThrow();
        List<TrackJob> enveloped = queue.decode(new String(SnsTestKit.notification(FIXTURE_TOPIC, record, "sns-1"), StandardCharsets.UTF_8)).orElseThrow();
        assertThat(raw).isEqualTo(enveloped).singleElement().satisfies(job -> {
            assertThat(job.tenantId()).isEqualTo("acme");
            assertThat(job.source()).isEqualTo("ses");
            assertThat(job.receivedAt()).isEqualTo(NOW);
            assertThat(job.events()).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.bounce);
                assertThat(event.message().messageId()).isEqualTo("m-1");
            });
        });
    }

    @Test
    void theEnvelopeNeedsNoSignatureOnTheQueue() {
        ObjectNode envelope = SnsTestKit.json("ses-sns-bounce.json");
        envelope.put("Message", SnsTestKit.tagged("ses-event-delivery.json", "m-2", "acme").toString());
        envelope.put("Signature", "not checked here: the queue policy admits only the topic");
        assertThat(queue.decode(envelope.toString()).orElseThrow()).singleElement()
                .satisfies(job -> assertThat(job.events()).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(EventType.delivered)));
    }

    @Test
    void anEventWithoutTheTenantTagIsInNoJob() {
        for (String fixture : List.of("ses-event-bounce.json", "ses-event-open.json", "ses-sns-bounce.json", "ses-sns-click.json")) {
            assertThat(queue.decode(SnsTestKit.text(fixture))).as(fixture).contains(List.of());
        }
        ObjectNode badTenant = SnsTestKit.tagged("ses-event-bounce.json", "m-1", "NOT A TENANT");
        assertThat(queue.decode(badTenant.toString())).contains(List.of());
    }

    @Test
    void aConfirmationOnTheQueueIsConsumedAndNotFollowed() {
        assertThat(queue.decode(SnsTestKit.text("sns-subscription-confirmation-signed-test.json"))).contains(List.of());
    }

    @Test
    void bodiesThatAreNotSesAreNotThisDecoders() {
        for (String body : List.of("", "not json", "[]", "{}", "{\"tenantId\":\"acme\",\"source\":\"sendgrid\",\"events\":[]}",
                SnsTestKit.text("sns-notification-doc.json"), "{\"eventType\":7}")) {
            assertThat(queue.decode(body)).as(body).isEqualTo(Optional.empty());
        }
    }

    @Test
    void eventsOfSeveralRecipientsStayInTheirTenantsJob() {
        ObjectNode record = SnsTestKit.tagged("ses-event-delivery.json", "m-3", "acme");
        ((ObjectNode) record.path("delivery")).withArray("/recipients").add("b@example.com");
        assertThat(queue.decode(record.toString()).orElseThrow()).singleElement()
                .satisfies(job -> assertThat(job.events()).hasSize(2).allSatisfy(event -> assertThat(event.message().tenantId()).isEqualTo("acme")));
    }
}
