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
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.herald.core.tracking.webhook.WebhookFixtures.MAILGUN_KEY;
import static io.herald.core.tracking.webhook.WebhookFixtures.account;
import static io.herald.core.tracking.webhook.WebhookFixtures.bytes;
import static io.herald.core.tracking.webhook.WebhookFixtures.json;
import static io.herald.core.tracking.webhook.WebhookFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mailgun's signed JSON webhooks: the self-signed vectors pass, the doc's envelope (unpublished key) fails, tokens count once. */
class MailgunWebhookTest {

    private static final JsonNode VECTORS = json("mailgun-hmac-vectors.json");

    private final WebhookFixtures.MemoryReplays replays = new WebhookFixtures.MemoryReplays();
    private final MailgunWebhook webhook = new MailgunWebhook(Duration.ofMinutes(10), replays);
    private final ProviderCredentials account = account(ProviderKind.mailgun, "apiKey", "key-test", "domain", "mg.example.com",
            MailgunWebhook.KEY, MAILGUN_KEY);

    @Test
    void everyVectorPassesWithTheClockAtItsTimestamp() throws Exception {
        assertThat(VECTORS.path("signingKey").asText()).isEqualTo(MAILGUN_KEY);
        assertThat(VECTORS.path("vectors")).hasSize(8);
        for (JsonNode vector : VECTORS.path("vectors")) {
            byte[] body = bytes(vector.path("file").asText());
            assertThat(WebhookFixtures.JSON.readTree(body).path("signature").path("signature").asText()).isEqualTo(vector.path("signature").asText());
            WebhookOutcome outcome = webhook.receive(at(body, vector.path("timestamp").asText()), account);
            assertThat(outcome.events()).as(vector.path("file").asText()).hasSize(1);
        }
    }

    @Test
    void theDocEnvelopeSignedWithAnUnpublishedKeyFails() {
        byte[] body = bytes("mailgun-doc-envelope-unknown-key.json");
        assertUnauthorized(at(body, "1529006854"), account, "not the HMAC-SHA256");
    }

    @Test
    void theNegativeVectorsAreDecided() {
        JsonNode uppercase = VECTORS.path("negative").get(1);
        JsonNode swapped = VECTORS.path("negative").get(2);
        // Hex case carries no information: an uppercase copy of the same MAC is the same MAC.
        assertThat(MailgunWebhook.verifies(MAILGUN_KEY, uppercase.path("timestamp").asText(), uppercase.path("token").asText(),
                uppercase.path("signature").asText())).isTrue();
        assertThat(MailgunWebhook.verifies(MAILGUN_KEY, swapped.path("timestamp").asText(), swapped.path("token").asText(),
                swapped.path("signature").asText())).isFalse();
        assertThat(MailgunWebhook.verifies(MAILGUN_KEY, "1529692199", "e2488a2349e770da57049dec2dba6508c018bd69017f6fff38", "5bafd2")).isFalse();
        assertThat(MailgunWebhook.verifies("another-key", "1529692199", "e2488a2349e770da57049dec2dba6508c018bd69017f6fff38",
                "5bafd2b278414d4336ed1998bbbd55b34e35d20b084c2013dc0dd53caf548fe5")).isFalse();
    }

    @Test
    void eachDocumentedEventMapsToItsType() {
        TrackedEvent delivered = one("mailgun-delivered.json", "1529692199");
        assertThat(delivered.type()).isEqualTo(EventType.delivered);
        assertThat(delivered.eventId()).isEqualTo("mailgun:hK7mQVt1QtqRiOfQXta4sw");
        assertThat(delivered.occurredAt()).isEqualTo(Instant.ofEpochSecond(1529692199, 626182000));
        assertThat(delivered.message().recipient()).isEqualTo("john@example.com");
        assertThat(delivered.message().providerMessageId()).isEqualTo("20180622182958.1.48906CB188F1A454@exmple.org");
        assertThat(delivered.message().provider()).isEqualTo(ProviderKind.mailgun);
        assertThat(delivered.detail().description()).isEqualTo("250 OK");

        TrackedEvent suppressed = one("mailgun-failed-permanent-suppress-bounce.json", "1529701969");
        assertThat(suppressed.type()).isEqualTo(EventType.bounce);
        assertThat(suppressed.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(suppressed.detail().description()).isEqualTo("suppress-bounce: 605 Not delivering to previously bounced address");

        TrackedEvent delayed = one("mailgun-failed-permanent-delayed-bounce.json", "1666214138");
        assertThat(delayed.type()).isEqualTo(EventType.bounce);
        assertThat(delayed.detail().bounce()).isEqualTo(Bounce.hard);
        assertThat(delayed.message().recipient()).isEqualTo("christest123@test.com");
        assertThat(delayed.detail().description()).contains("550 smtp; 550-5.1.1");

        TrackedEvent temporary = one("mailgun-failed-temporary.json", "1665066523");
        assertThat(temporary.type()).isEqualTo(EventType.deferred);
        assertThat(temporary.detail().description()).contains("451 4.7.652");

        TrackedEvent opened = one("mailgun-opened.json", "1377047343");
        assertThat(opened.type()).isEqualTo(EventType.open);
        assertThat(opened.eventId()).isEqualTo("mailgun:-laxIqj9QWubsjY_3pTq_g");
        assertThat(opened.evidence().ip()).isEqualTo("111.111.111.111");
        assertThat(opened.evidence().userAgent()).contains("iPhone");
        assertThat(opened.evidence().providerFlag()).as("client-info.bot is empty: a person").isNull();

        TrackedEvent clicked = one("mailgun-clicked.json", "1377075564");
        assertThat(clicked.type()).isEqualTo(EventType.click);
        assertThat(clicked.detail().url()).isEqualTo("http://example.com/signup");

        assertThat(one("mailgun-unsubscribed.json", "1377213791").type()).isEqualTo(EventType.unsubscribe);
        TrackedEvent complained = one("mailgun-complained.json", "1377214260");
        assertThat(complained.type()).isEqualTo(EventType.complaint);
        assertThat(complained.message().providerMessageId()).isEqualTo("20130718032413.263EE2E0926@example.com");
    }

    @Test
    void aBotOpenCarriesMailgunsFlag() {
        ObjectNode body = (ObjectNode) json("mailgun-opened.json");
        ((ObjectNode) body.path("event-data").path("client-info")).put("bot", "apple");
        TrackedEvent open = webhook.receive(at(body(body), "1377047343"), account).events().get(0);
        assertThat(open.evidence().providerFlag()).isEqualTo("mailgun client-info.bot=apple");
    }

    @Test
    void permanentRefusalsThatSayNothingOfTheAddressAreDropsAndGivingUpIsSoft() {
        assertThat(failedWithReason("suppress-unsubscribe").type()).isEqualTo(EventType.dropped);
        assertThat(failedWithReason("suppress-complaint").type()).isEqualTo(EventType.dropped);
        TrackedEvent old = failedWithReason("old");
        assertThat(old.type()).isEqualTo(EventType.bounce);
        assertThat(old.detail().bounce()).isEqualTo(Bounce.soft);
        assertThat(failedWithReason("bounce").detail().bounce()).isEqualTo(Bounce.hard);
    }

    @Test
    void heraldsUserVariablesNameTheMessageAndAnotherTenantsClaimIsIgnored() {
        ObjectNode body = (ObjectNode) json("mailgun-delivered.json");
        ObjectNode variables = (ObjectNode) body.path("event-data").path("user-variables");
        variables.put("herald-message-id", "m-1").put("herald-tenant", "acme");
        TrackedEvent event = webhook.receive(at(body(body), "1529692199"), account).events().get(0);
        assertThat(event.message().messageId()).isEqualTo("m-1");
        assertThat(event.message().tenantId()).isEqualTo("acme");

        ObjectNode other = (ObjectNode) json("mailgun-clicked.json");
        ((ObjectNode) other.path("event-data").path("user-variables")).put("herald-message-id", "m-2").put("herald-tenant", "globex");
        WebhookOutcome outcome = webhook.receive(at(body(other), "1377075564"), account);
        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.ignored()).singleElement().asString().contains("another tenant");
    }

    @Test
    void aTokenSeenAgainWithOtherContentIsAReplayButTheSameContentIsARetry() {
        byte[] body = bytes("mailgun-delivered.json");
        WebhookOutcome first = webhook.receive(at(body, "1529692199"), account);
        WebhookOutcome retry = webhook.receive(at(body, "1529692199"), account);
        assertThat(retry.events()).isEqualTo(first.events());

        ObjectNode forged = (ObjectNode) json("mailgun-delivered.json");
        ((ObjectNode) forged.path("event-data")).put("event", "complained");
        assertUnauthorized(at(body(forged), "1529692199"), account, "a replay");

        // Another tenant's token store is its own.
        WebhookRequest otherTenant = new WebhookRequest("globex", java.util.Map.of(), body(forged), Instant.ofEpochSecond(1529692199));
        assertThat(webhook.receive(otherTenant, account).events()).extracting(TrackedEvent::type).containsExactly(EventType.complaint);
    }

    @Test
    void aStaleOrFutureTimestampIsRefused() {
        byte[] body = bytes("mailgun-delivered.json");
        Instant signed = Instant.ofEpochSecond(1529692199);
        assertUnauthorized(request(body, signed.plus(Duration.ofMinutes(11))), account, "660 s from Herald's clock");
        assertUnauthorized(request(body, signed.minus(Duration.ofMinutes(11))), account, "660 s from Herald's clock");
        assertThat(replays.seen).as("a refused request leaves no mark").isEmpty();
        assertThat(webhook.receive(request(body, signed.plus(Duration.ofMinutes(9))), account).events()).hasSize(1);
    }

    @Test
    void whatIsMissingIsNamed() {
        byte[] body = bytes("mailgun-delivered.json");
        assertUnauthorized(at(body, "1529692199"), account(ProviderKind.mailgun, "apiKey", "k", "domain", "mg.example.com"),
                "no 'webhookSigningKey' setting");
        assertUnauthorized(at("{\"event-data\":{}}".getBytes(StandardCharsets.UTF_8), "1529692199"), account, "no 'signature' object");
        assertUnauthorized(at("{\"signature\":{\"timestamp\":\"1529692199\",\"signature\":\"00\"}}".getBytes(StandardCharsets.UTF_8), "1529692199"),
                account, "signature.token is missing");
        assertUnauthorized(at("{\"signature\":{\"timestamp\":\"soon\",\"token\":\"t\",\"signature\":\"00\"}}".getBytes(StandardCharsets.UTF_8), "1529692199"),
                account, "not epoch seconds");

        ObjectNode noEvent = (ObjectNode) json("mailgun-delivered.json");
        noEvent.remove("event-data");
        assertInvalid(at(body(noEvent), "1529692199"), "no 'event-data' object");
        assertInvalid(at("{\"signature\":".getBytes(StandardCharsets.UTF_8), "1529692199"), "not valid JSON");
        assertInvalid(at("[]".getBytes(StandardCharsets.UTF_8), "1529692199"), "not a JSON object");
        assertInvalid(request("signature=x&token=y".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1529692199),
                "Content-Type", "application/x-www-form-urlencoded"), "legacy");
    }

    @Test
    void bookkeepingAndUnknownEventsAreAcceptedAndIgnored() {
        for (String type : List.of("accepted", "stored", "list_member_uploaded")) {
            ObjectNode body = (ObjectNode) json("mailgun-delivered.json");
            ((ObjectNode) body.path("event-data")).put("event", type);
            WebhookOutcome outcome = new MailgunWebhook(Duration.ofMinutes(10), new WebhookFixtures.MemoryReplays())
                    .receive(at(body(body), "1529692199"), account);
            assertThat(outcome.events()).as(type).isEmpty();
            assertThat(outcome.ignored()).singleElement().asString().contains(type);
        }
    }

    private TrackedEvent failedWithReason(String reason) {
        ObjectNode body = (ObjectNode) json("mailgun-failed-permanent-suppress-bounce.json");
        ((ObjectNode) body.path("event-data")).put("reason", reason);
        return new MailgunWebhook(Duration.ofMinutes(10), new WebhookFixtures.MemoryReplays())
                .receive(at(body(body), "1529701969"), account).events().get(0);
    }

    private TrackedEvent one(String file, String timestamp) {
        List<TrackedEvent> events = webhook.receive(at(bytes(file), timestamp), account).events();
        assertThat(events).as(file).hasSize(1);
        return events.get(0);
    }

    private static byte[] body(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static WebhookRequest at(byte[] body, String timestamp) {
        return request(body, Instant.ofEpochSecond(Long.parseLong(timestamp)), "Content-Type", "application/json");
    }

    private void assertUnauthorized(WebhookRequest request, ProviderCredentials account, String detail) {
        assertThatThrownBy(() -> webhook.receive(request, account)).isInstanceOf(WebhookRejected.class).hasMessageContaining(detail)
                .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.UNAUTHORIZED);
    }

    private void assertInvalid(WebhookRequest request, String detail) {
        assertThatThrownBy(() -> webhook.receive(request, account)).isInstanceOf(WebhookRejected.class).hasMessageContaining(detail)
                .extracting(e -> ((HeraldException) e).kind()).isEqualTo(HeraldException.Kind.INVALID_INPUT);
    }
}
