package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackedEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.herald.core.tracking.webhook.WebhookFixtures.account;
import static io.herald.core.tracking.webhook.WebhookFixtures.bytes;
import static io.herald.core.tracking.webhook.WebhookFixtures.json;
import static io.herald.core.tracking.webhook.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Postmark's webhooks: Basic credentials per tenant, an alert on every refusal, the 64-bit ID kept exact. */
class PostmarkWebhookTest {

    private static final Instant NOW = Instant.parse("2019-11-05T16:40:00Z");
    private static final String USER = "postmark-hooks";
    private static final String PASSWORD = "pw-" + java.util.UUID.randomUUID();

    private final PostmarkWebhook webhook = new PostmarkWebhook();
    private final ProviderCredentials account = account(ProviderKind.postmark, "serverToken", "POSTMARK_API_TEST",
            PostmarkWebhook.USERNAME, USER, PostmarkWebhook.PASSWORD, PASSWORD);

    @Test
    void theBouncesSixtyFourBitIdStaysExact() {
        TrackedEvent bounce = one("postmark-bounce.json");
        // 4323372036854775807 > 2^53: through a double it would come out as ...775808.
        assertThat(bounce.eventId()).isEqualTo("postmark:Bounce:4323372036854775807");
        assertThat(String.valueOf((long) 4323372036854775807d)).as("what a double would have made of it").isEqualTo("4323372036854775808");
        assertThat(bounce.type()).isEqualTo(EventType.bounce);
        assertThat(bounce.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(bounce.occurredAt()).isEqualTo(Instant.parse("2019-11-05T16:33:54.907025900Z"));
        assertThat(bounce.message().providerMessageId()).isEqualTo("883953f4-6105-42a2-a16a-77a8eac79483");
        assertThat(bounce.message().recipient()).isEqualTo("john@example.com");
        assertThat(bounce.message().provider()).isEqualTo(ProviderKind.postmark);
        assertThat(bounce.detail().description()).startsWith("HardBounce: The server was unable to deliver");
    }

    @Test
    void eachDocumentedRecordMapsToItsType() {
        TrackedEvent delivery = one("postmark-delivery.json");
        assertThat(delivery.type()).isEqualTo(EventType.delivered);
        assertThat(delivery.eventId()).matches("postmark:Delivery:883953f4-6105-42a2-a16a-77a8eac79483:[0-9a-f]{32}");
        assertThat(delivery.detail().description()).isEqualTo("Test delivery webhook details");

        TrackedEvent complaint = one("postmark-spam-complaint.json");
        assertThat(complaint.type()).isEqualTo(EventType.complaint);
        assertThat(complaint.eventId()).isEqualTo("postmark:SpamComplaint:42");

        TrackedEvent open = one("postmark-open.json");
        assertThat(open.type()).isEqualTo(EventType.open);
        assertThat(open.evidence().ip()).isEqualTo("188.2.95.4");
        assertThat(open.evidence().userAgent()).contains("Chrome/35");
        assertThat(open.evidence().providerFlag()).isNull();

        TrackedEvent click = one("postmark-click.json");
        assertThat(click.type()).isEqualTo(EventType.click);
        assertThat(click.detail().url()).isEqualTo("https://example.com");
        assertThat(click.occurredAt()).isEqualTo(Instant.parse("2017-10-25T15:21:11.906561900Z"));

        // Suppressed after a hard bounce: that bounce again (counted once per message), not an unsubscribe.
        TrackedEvent change = one("postmark-subscription-change.json");
        assertThat(change.type()).isEqualTo(EventType.bounce);
        assertThat(change.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(change.message().recipient()).isEqualTo("bounced-address@wildbit.com");
    }

    @Test
    void aSubscriptionChangeIsAnUnsubscribeOnlyWhenThePersonOrTheSenderSuppressed() {
        ObjectNode manual = (ObjectNode) json("postmark-subscription-change.json");
        manual.put("SuppressionReason", "ManualSuppression");
        assertThat(receive(manual).events()).singleElement().extracting(TrackedEvent::type).isEqualTo(EventType.unsubscribe);
        manual.put("SuppressionReason", "SpamComplaint");
        assertThat(receive(manual).events()).singleElement().extracting(TrackedEvent::type).isEqualTo(EventType.complaint);
        manual.put("SuppressSending", false);
        WebhookOutcome reactivated = receive(manual);
        assertThat(reactivated.events()).isEmpty();
        assertThat(reactivated.ignored()).singleElement().asString().contains("reactivates");
    }

    @Test
    void bounceTypesFollowPostmarksTable() {
        assertThat(bounceOfType("SoftBounce", false)).isEqualTo(Bounce.soft);
        assertThat(bounceOfType("Transient", false)).isEqualTo(Bounce.soft);
        assertThat(bounceOfType("DnsError", false)).isEqualTo(Bounce.soft);
        assertThat(bounceOfType("BadEmailAddress", true)).isEqualTo(Bounce.hard);
        assertThat(bounceOfType("ManuallyDeactivated", true)).isEqualTo(Bounce.hard);
        assertThat(bounceOfType("SomethingNew", true)).as("unknown but deactivated").isEqualTo(Bounce.hard);
        assertThat(bounceOfType("SomethingNew", false)).isEqualTo(Bounce.soft);
        ObjectNode untyped = (ObjectNode) json("postmark-bounce.json");
        untyped.remove("Type");
        assertThat(receive(untyped).events()).as("no Type (found by the mutation property)").singleElement()
                .satisfies(event -> assertThat(event.detail().bounce()).isEqualTo(Bounce.hard));
        ObjectNode autoresponder = (ObjectNode) json("postmark-bounce.json");
        autoresponder.put("Type", "AutoResponder");
        assertThat(receive(autoresponder).events()).isEmpty();
    }

    @Test
    void aRepostHasTheSameIdAndTwoDifferentEventsNeverShareOne() {
        assertThat(one("postmark-open.json").eventId()).isEqualTo(one("postmark-open.json").eventId());
        ObjectNode later = (ObjectNode) json("postmark-open.json");
        later.put("ReceivedAt", "2019-11-05T16:35:00.0000000Z");
        ObjectNode otherRecipient = (ObjectNode) json("postmark-open.json");
        otherRecipient.put("Recipient", "jane@example.com");
        ObjectNode reformatted = (ObjectNode) json("postmark-open.json");
        List<String> ids = List.of(one("postmark-open.json").eventId(), receive(later).events().get(0).eventId(),
                receive(otherRecipient).events().get(0).eventId(), one("postmark-delivery.json").eventId(),
                one("postmark-subscription-change.json").eventId(), one("postmark-bounce.json").eventId());
        assertThat(ids).doesNotHaveDuplicates();
        // Whitespace and key order of a repost do not matter.
        assertThat(receive(reformatted).events().get(0).eventId()).isEqualTo(ids.get(0));
    }

    @Test
    void heraldsMetadataNamesTheMessageAndAnotherTenantsClaimIsIgnored() {
        ObjectNode record = (ObjectNode) json("postmark-delivery.json");
        ((ObjectNode) record.path("Metadata")).put("herald-message-id", "m-1").put("herald-tenant", "acme");
        TrackedEvent event = receive(record).events().get(0);
        assertThat(event.message().messageId()).isEqualTo("m-1");
        assertThat(event.message().tenantId()).isEqualTo("acme");
        ((ObjectNode) record.path("Metadata")).put("herald-tenant", "globex");
        WebhookOutcome other = receive(record);
        assertThat(other.events()).isEmpty();
        assertThat(other.ignored()).singleElement().asString().contains("another tenant");
    }

    @Test
    void everyRefusalOfCredentialsIsA401AndAnAlertWithoutTheSecret() {
        byte[] body = bytes("postmark-bounce.json");
        String wrong = "wrong-" + java.util.UUID.randomUUID();
        List<WebhookRequest> refused = List.of(
                request(body, NOW),
                request(body, NOW, "Authorization", "Bearer " + PASSWORD),
                request(body, NOW, "Authorization", "Basic !!!"),
                request(body, NOW, "Authorization", basic(USER, wrong)),
                request(body, NOW, "Authorization", basic(wrong, PASSWORD)),
                request(body, NOW, "Authorization", basic(USER + ":" + PASSWORD, "")),
                request(body, NOW, "Authorization", "Basic " + Base64.getEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8))));
        for (WebhookRequest request : refused) {
            try (Alerts alerts = new Alerts()) {
                assertThatThrownBy(() -> webhook.receive(request, account)).isInstanceOf(WebhookRejected.class)
                        .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED);
                assertThat(alerts.errors).as(request.header("Authorization")).singleElement().asString()
                        .contains("ALERT").contains("acme").doesNotContain(PASSWORD).doesNotContain(wrong);
            }
        }
        try (Alerts alerts = new Alerts()) {
            assertThatThrownBy(() -> webhook.receive(request(body, NOW, "Authorization", basic(USER, PASSWORD)),
                    account(ProviderKind.postmark, "serverToken", "POSTMARK_API_TEST")))
                    .isInstanceOf(WebhookRejected.class).hasMessageContaining("no 'webhookUsername' setting");
            assertThat(alerts.errors).hasSize(1);
        }
    }

    @Test
    void basicSchemeIsCaseInsensitiveAndAPasswordMayHoldColons() {
        ProviderCredentials colons = account(ProviderKind.postmark, PostmarkWebhook.USERNAME, USER, PostmarkWebhook.PASSWORD, "a:b:c");
        assertThat(webhook.receive(request(bytes("postmark-bounce.json"), NOW, "authorization", "basic "
                + Base64.getEncoder().encodeToString((USER + ":a:b:c").getBytes(StandardCharsets.UTF_8))), colons).events()).hasSize(1);
    }

    @Test
    void anAuthenticatedBodyThatIsNotARecordIsA400AndUnknownRecordsAreIgnored() {
        assertInvalid("{\"RecordType\":", "not valid JSON");
        assertInvalid("[{\"RecordType\":\"Open\"}]", "not a JSON object");
        assertInvalid("{\"MessageID\":\"x\"}", "no RecordType");
        WebhookOutcome inbound = webhook.receive(authenticated("{\"RecordType\":\"Inbound\",\"MessageID\":\"x\"}".getBytes(StandardCharsets.UTF_8)), account);
        assertThat(inbound.events()).isEmpty();
        assertThat(inbound.ignored()).singleElement().asString().contains("unknown Postmark RecordType 'Inbound'");
    }

    private Bounce bounceOfType(String type, boolean inactive) {
        ObjectNode record = (ObjectNode) json("postmark-bounce.json");
        record.put("Type", type).put("Inactive", inactive);
        return receive(record).events().get(0).detail().bounce();
    }

    private void assertInvalid(String body, String detail) {
        assertThatThrownBy(() -> webhook.receive(authenticated(body.getBytes(StandardCharsets.UTF_8)), account))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining(detail)
                .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT);
    }

    private TrackedEvent one(String file) {
        List<TrackedEvent> events = webhook.receive(authenticated(bytes(file)), account).events();
        assertThat(events).as(file).hasSize(1);
        return events.get(0);
    }

    private WebhookOutcome receive(JsonNode record) {
        return webhook.receive(authenticated(record.toString().getBytes(StandardCharsets.UTF_8)), account);
    }

    static WebhookRequest authenticated(byte[] body) {
        return authenticatedAs(body, USER, PASSWORD);
    }

    static WebhookRequest authenticatedAs(byte[] body, String user, String password) {
        return request(body, NOW, "Authorization", basic(user, password), "Content-Type", "application/json");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The receiver's ERROR records while open. */
    static final class Alerts extends Handler implements AutoCloseable {

        final List<String> errors = new ArrayList<>();
        private final Logger logger = Logger.getLogger(PostmarkWebhook.class.getName());

        Alerts() {
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                String text = record.getMessage();
                if (record.getParameters() != null) {
                    text = String.format(text, record.getParameters());
                }
                errors.add(text);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
