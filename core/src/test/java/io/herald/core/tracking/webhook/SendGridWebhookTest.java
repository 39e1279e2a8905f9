package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.herald.core.tracking.Bounce;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackedEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static io.herald.core.tracking.webhook.WebhookFixtures.account;
import static io.herald.core.tracking.webhook.WebhookFixtures.bytes;
import static io.herald.core.tracking.webhook.WebhookFixtures.json;
import static io.herald.core.tracking.webhook.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SendGrid's Signed Event Webhook: the official SDK vector byte for byte, then every event of SendGrid's docs. */
class SendGridWebhookTest {

    private static final JsonNode VECTORS = json("sendgrid-signed-webhook-vectors.json");
    private static final JsonNode VECTOR = VECTORS.path("vectors").get(0);
    private static final String PUBLIC_KEY = VECTOR.path("publicKey").asText();
    private static final String SIGNATURE = VECTOR.path("headers").path(SendGridWebhook.SIGNATURE).asText();
    private static final String TIMESTAMP = VECTOR.path("headers").path(SendGridWebhook.TIMESTAMP).asText();
    private static final byte[] PAYLOAD = bytes("sendgrid-signed-vector1.payload.bin");
    /** Herald's clock frozen at the vector's own timestamp. */
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private final SendGridWebhook webhook = new SendGridWebhook(Duration.ofMinutes(10));
    private final ProviderCredentials official = account(ProviderKind.sendgrid, "apiKey", "SG.test", SendGridWebhook.KEY, PUBLIC_KEY);
    private final KeyPair keys = WebhookFixtures.ecKeyPair();
    private final ProviderCredentials ours = account(ProviderKind.sendgrid, "apiKey", "SG.test", SendGridWebhook.KEY, WebhookFixtures.publicKeyBase64(keys));

    @Test
    void theOfficialVectorVerifiesByteForByte() {
        assertThat(PAYLOAD).isEqualTo(VECTOR.path("rawBody").asText().getBytes(StandardCharsets.UTF_8));
        WebhookOutcome outcome = webhook.receive(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT), official);

        assertThat(outcome.ignored()).isEmpty();
        assertThat(outcome.events()).hasSize(1);
        TrackedEvent dropped = outcome.events().get(0);
        assertThat(dropped.eventId()).isEqualTo("sendgrid:ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA");
        assertThat(dropped.type()).isEqualTo(EventType.dropped);
        assertThat(dropped.occurredAt()).isEqualTo(Instant.ofEpochSecond(1600112492));
        assertThat(dropped.message().recipient()).isEqualTo("hello@world.com");
        assertThat(dropped.message().provider()).isEqualTo(ProviderKind.sendgrid);
        // sg_message_id = the send answer's X-Message-Id + SendGrid's filter part; the smtp-id's local part agrees.
        assertThat(dropped.message().providerMessageId()).isEqualTo("LRzXl_NHStOGhQ4kofSm_A");
        assertThat(dropped.detail().description()).isEqualTo("Bounced Address");
    }

    @Test
    void everyChangedByteFailsVerification() {
        for (int i = 0; i < PAYLOAD.length; i++) {
            byte[] changed = PAYLOAD.clone();
            changed[i] ^= 0x01;
            int at = i;
            assertThatThrownBy(() -> webhook.receive(official(changed, SIGNATURE, TIMESTAMP, SIGNED_AT), official))
                    .as("byte %d changed", at).isInstanceOf(WebhookRejected.class)
                    .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED);
        }
    }

    @Test
    void aReserializedBodyFailsVerification() throws Exception {
        byte[] reserialized = WebhookFixtures.JSON.writeValueAsBytes(WebhookFixtures.JSON.readTree(PAYLOAD));
        byte[] trimmed = Arrays.copyOf(PAYLOAD, PAYLOAD.length - 2);
        assertThat(reserialized).isNotEqualTo(PAYLOAD);
        assertUnauthorized(official(reserialized, SIGNATURE, TIMESTAMP, SIGNED_AT), official, "does not verify");
        assertUnauthorized(official(trimmed, SIGNATURE, TIMESTAMP, SIGNED_AT), official, "does not verify");
    }

    @Test
    void theVectorsNegativeCasesFail() {
        for (JsonNode negative : VECTORS.path("negativeCases")) {
            String key = negative.path("publicKey").asText(PUBLIC_KEY);
            byte[] body = negative.has("rawBody") ? negative.path("rawBody").asText().getBytes(StandardCharsets.UTF_8) : PAYLOAD;
            String signature = negative.path("signature").asText(SIGNATURE);
            String timestamp = negative.path("timestamp").asText(TIMESTAMP);
            assertThatThrownBy(() -> webhook.receive(official(body, signature, timestamp, SIGNED_AT),
                    account(ProviderKind.sendgrid, SendGridWebhook.KEY, key)))
                    .as(negative.path("what").asText()).isInstanceOf(WebhookRejected.class)
                    .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED);
        }
        assertUnauthorized(official(PAYLOAD, SIGNATURE, String.valueOf(SIGNED_AT.getEpochSecond() + 1), SIGNED_AT), official, "does not verify");
    }

    @Test
    void aMissingHeaderOrKeyIsRefusedWithWhatIsMissing() {
        assertUnauthorized(request(PAYLOAD, SIGNED_AT, SendGridWebhook.TIMESTAMP, TIMESTAMP), official, SendGridWebhook.SIGNATURE);
        assertUnauthorized(request(PAYLOAD, SIGNED_AT, SendGridWebhook.SIGNATURE, SIGNATURE), official, SendGridWebhook.TIMESTAMP);
        assertUnauthorized(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT), account(ProviderKind.sendgrid, "apiKey", "SG.test"),
                "no 'webhookVerificationKey' setting");
        assertUnauthorized(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT), account(ProviderKind.sendgrid, SendGridWebhook.KEY, "bm90IGEga2V5"),
                "not an ECDSA P-256 public key");
        assertUnauthorized(official(PAYLOAD, "not base64!", TIMESTAMP, SIGNED_AT), official, "does not verify");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndAPemKeyWorks() {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + PUBLIC_KEY.substring(0, 64) + "\n" + PUBLIC_KEY.substring(64) + "\n-----END PUBLIC KEY-----\n";
        WebhookOutcome outcome = webhook.receive(request(PAYLOAD, SIGNED_AT,
                        SendGridWebhook.SIGNATURE.toLowerCase(), SIGNATURE, SendGridWebhook.TIMESTAMP.toUpperCase(), TIMESTAMP),
                account(ProviderKind.sendgrid, SendGridWebhook.KEY, pem));
        assertThat(outcome.events()).hasSize(1);
    }

    @Test
    void theTimestampMustBeWithinTheFreshnessWindowEitherWay() {
        assertThat(webhook.receive(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT.plus(Duration.ofMinutes(9))), official).events()).hasSize(1);
        assertThat(webhook.receive(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT.minus(Duration.ofMinutes(9))), official).events()).hasSize(1);
        assertUnauthorized(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT.plus(Duration.ofMinutes(11))), official, "660 s from Herald's clock");
        assertUnauthorized(official(PAYLOAD, SIGNATURE, TIMESTAMP, SIGNED_AT.minus(Duration.ofMinutes(11))), official, "at most 600 s");
    }

    @Test
    void everyDocumentedEventMapsToItsType() {
        WebhookOutcome outcome = signed(bytes("sendgrid-events.json"));

        assertThat(outcome.events()).extracting(TrackedEvent::type).containsExactly(
                EventType.dropped, EventType.delivered, EventType.deferred, EventType.bounce, EventType.open, EventType.click,
                EventType.complaint, EventType.unsubscribe, EventType.unsubscribe);
        assertThat(outcome.ignored()).hasSize(3);
        assertThat(outcome.ignored().get(0)).contains("sendgrid:rbtnWrG1DVDGGGFHFyun0A==").contains("processed");
        // The docs give the bounce and the blocked example one sg_event_id: within a batch the first one stands.
        assertThat(outcome.ignored().get(1)).contains("sendgrid:6g4ZI7SA-xmRDv57GoPIPw==").contains("duplicate");
        assertThat(outcome.ignored().get(2)).contains("group_resubscribe");
        assertThat(outcome.events()).allSatisfy(event -> {
            assertThat(event.message().providerMessageId()).isEqualTo("14c5d75ce93.dfd.64b469");
            assertThat(event.message().recipient()).isEqualTo("example@test.com");
            assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1513299569));
            assertThat(event.eventId()).startsWith("sendgrid:");
        });
        assertThat(outcome.events()).extracting(TrackedEvent::eventId).doesNotHaveDuplicates();
        TrackedEvent bounce = outcome.events().get(3);
        assertThat(bounce.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(bounce.detail().description()).isEqualTo("5.0.0 500 unknown recipient");
        assertThat(outcome.events().get(1).detail().description()).isEqualTo("250 OK");
        assertThat(outcome.events().get(4).evidence().userAgent()).startsWith("Mozilla/4.0");
        assertThat(outcome.events().get(4).evidence().ip()).isEqualTo("255.255.255.255");
        assertThat(outcome.events().get(4).evidence().providerFlag()).isNull();
        assertThat(outcome.events().get(5).detail().url()).isEqualTo("http://www.sendgrid.com/");
        assertThat(outcome.events().get(8).detail().description()).isEqualTo("group_unsubscribe asm_group_id 10");
    }

    @Test
    void aBlockedBounceIsSoftAndAClassicBounceHard() {
        ArrayNode events = (ArrayNode) json("sendgrid-events.json");
        ArrayNode blocked = WebhookFixtures.JSON.createArrayNode().add(events.get(5));
        TrackedEvent event = signed(blocked.toString().getBytes(StandardCharsets.UTF_8)).events().get(0);
        assertThat(event.type()).isEqualTo(EventType.bounce);
        assertThat(event.detail().bounce()).isEqualTo(Bounce.soft);
        ((ObjectNode) blocked.get(0)).remove("type");
        assertThat(signed(blocked.toString().getBytes(StandardCharsets.UTF_8)).events().get(0).detail().bounce()).isEqualTo(Bounce.hard);
    }

    @Test
    void aMachineOpenCarriesSendGridsFlagAndAHumanOneNone() {
        List<TrackedEvent> opens = signed(bytes("sendgrid-open-machine-vs-human.json")).events();
        assertThat(opens).extracting(TrackedEvent::type).containsExactly(EventType.open, EventType.open);
        assertThat(opens.get(0).evidence().providerFlag()).isEqualTo("sg_machine_open");
        assertThat(opens.get(0).evidence().ip()).isEqualTo("17.58.0.1");
        assertThat(opens.get(1).evidence().providerFlag()).isNull();
    }

    @Test
    void aClickWithCustomArgsKeepsItsUrlAndIds() {
        TrackedEvent click = signed(bytes("sendgrid-click-custom-args.json")).events().get(0);
        assertThat(click.type()).isEqualTo(EventType.click);
        assertThat(click.eventId()).isEqualTo("sendgrid:sendgrid_internal_event_id");
        assertThat(click.detail().url()).isEqualTo("http://yourdomain.com/blog/news.html");
        assertThat(click.message().providerMessageId()).isEqualTo("sendgrid_internal_message_id");
        assertThat(click.occurredAt()).isEqualTo(Instant.ofEpochSecond(1249948800));
    }

    @Test
    void duplicatesShareOneIdUnknownTypesAreIgnoredAndAnAsyncBounceNeedsNoMessageId() {
        WebhookOutcome outcome = signed(bytes("sendgrid-edge-duplicates-unknown-asyncbounce.json"));
        assertThat(outcome.events()).extracting(TrackedEvent::type).containsExactly(EventType.delivered, EventType.bounce);
        assertThat(outcome.events().get(0).eventId()).isEqualTo("sendgrid:rWVYmVk90MjZJ9iohOBa3w==");
        assertThat(outcome.ignored()).hasSize(2);
        assertThat(outcome.ignored().get(0)).contains("sendgrid:rWVYmVk90MjZJ9iohOBa3w==").contains("duplicate");
        assertThat(outcome.ignored().get(1)).contains("unknown SendGrid event type 'some_future_event'");
        TrackedEvent bounce = outcome.events().get(1);
        assertThat(bounce.eventId()).isEqualTo("sendgrid:asyncbounce0000000000000");
        assertThat(bounce.message().messageId()).isNull();
        assertThat(bounce.message().providerMessageId()).isNull();
        assertThat(bounce.message().recipient()).isEqualTo("example@test.com");
        assertThat(bounce.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(bounce.detail().description()).isEqualTo("5.1.1 550 5.1.1 user unknown");

        // The same body posted again (a retry) gives the same ids.
        assertThat(signed(bytes("sendgrid-edge-duplicates-unknown-asyncbounce.json")).events()).extracting(TrackedEvent::eventId)
                .isEqualTo(outcome.events().stream().map(TrackedEvent::eventId).toList());
    }

    @Test
    void heraldsCustomArgsNameTheMessageAndAnotherTenantsClaimIsIgnored() {
        String body = "[{\"email\":\"a@example.com\",\"timestamp\":1513299569,\"event\":\"delivered\",\"sg_event_id\":\"e1\","
                + "\"sg_message_id\":\"XBg2anf2TqCy6WXKQFhieQ.filter0905p1mdw1-4434-59E0C6FF-3.0\",\"herald-message-id\":\"m-1\",\"herald-tenant\":\"acme\"},"
                + "{\"email\":\"b@example.com\",\"timestamp\":1513299569,\"event\":\"bounce\",\"type\":\"bounce\",\"sg_event_id\":\"e2\","
                + "\"herald-message-id\":\"m-2\",\"herald-tenant\":\"globex\"},"
                + "{\"email\":\"c@example.com\",\"event\":\"open\",\"herald-message-id\":\"m-3\"}]";
        WebhookOutcome outcome = signed(body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.events()).hasSize(2);
        assertThat(outcome.events().get(0).message().messageId()).isEqualTo("m-1");
        assertThat(outcome.events().get(0).message().tenantId()).isEqualTo("acme");
        assertThat(outcome.events().get(0).message().providerMessageId()).isEqualTo("XBg2anf2TqCy6WXKQFhieQ");
        assertThat(outcome.ignored()).singleElement().asString().contains("sendgrid:e2").contains("another tenant");
        // No sg_event_id: a hash of the event's content, the same for the same content, and no timestamp: the receiving time.
        TrackedEvent open = outcome.events().get(1);
        assertThat(open.eventId()).matches("sendgrid:sha256:[0-9a-f]{64}");
        assertThat(open.occurredAt()).isEqualTo(SIGNED_AT);
        assertThat(signed(body.getBytes(StandardCharsets.UTF_8)).events().get(1).eventId()).isEqualTo(open.eventId());
    }

    @Test
    void aSignedBodyThatIsNotAnEventArrayIsA400() {
        assertInvalid("[{\"event\":\"delivered\"", "not valid JSON");
        assertInvalid("{\"event\":\"delivered\"}", "JSON object");
        assertInvalid("", "empty");
        assertInvalid("[] trailing", "not valid JSON");
        WebhookOutcome outcome = signed("[1, \"x\", {\"event\":\"delivered\",\"sg_event_id\":\"e\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.events()).hasSize(1);
        assertThat(outcome.ignored()).hasSize(2);
    }

    @Test
    void providerMessageIdsOfEveryShapeReduceToTheSendAnswersId() {
        assertThat(SendGridWebhook.providerMessageId("XBg2anf2TqCy6WXKQFhieQ.filter0905p1mdw1-4434-59E0C6FF-3.0", null)).isEqualTo("XBg2anf2TqCy6WXKQFhieQ");
        assertThat(SendGridWebhook.providerMessageId("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0", null)).isEqualTo("14c5d75ce93.dfd.64b469");
        assertThat(SendGridWebhook.providerMessageId("abc.recvd-5d8d8b8b8-x.0", null)).isEqualTo("abc");
        assertThat(SendGridWebhook.providerMessageId("abc.other", null)).isEqualTo("abc");
        assertThat(SendGridWebhook.providerMessageId(null, "<abc@ismtpd-1>")).isEqualTo("abc");
        assertThat(SendGridWebhook.providerMessageId(null, null)).isNull();
    }

    private WebhookOutcome signed(byte[] body) {
        String timestamp = String.valueOf(SIGNED_AT.getEpochSecond());
        return webhook.receive(official(body, WebhookFixtures.sendGridSignature(keys, timestamp, body), timestamp, SIGNED_AT), ours);
    }

    private void assertInvalid(String body, String detail) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(SIGNED_AT.getEpochSecond());
        assertThatThrownBy(() -> webhook.receive(official(bytes, WebhookFixtures.sendGridSignature(keys, timestamp, bytes), timestamp, SIGNED_AT), ours))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining(detail)
                .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT);
    }

    private void assertUnauthorized(WebhookRequest request, ProviderCredentials account, String detail) {
        assertThatThrownBy(() -> webhook.receive(request, account)).isInstanceOf(WebhookRejected.class).hasMessageContaining(detail)
                .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED);
    }

    private static WebhookRequest official(byte[] body, String signature, String timestamp, Instant now) {
        return request(body, now, SendGridWebhook.SIGNATURE, signature, SendGridWebhook.TIMESTAMP, timestamp);
    }
}
