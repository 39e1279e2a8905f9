package io.herald.core.tracking.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Standard Webhooks vectors (fixtures/webhooks/standard-webhooks-vectors.json, provenance in SOURCES.md beside it). */
class StandardWebhooksVectorsTest {

    private static final JsonNode VECTORS = load();

    @Test
    void theOfficialVectorVerifiesWithAFrozenClockAndSigningReproducesIt() {
        JsonNode vector = VECTORS.get("officialVector");
        assertVerifiesInsideTheWindowOnly(vector);
        long ts = vector.get("headers").get("webhook-timestamp").asLong();
        String signed = WebhookSignatures.sign(WebhookSecret.parse(vector.get("secret").asText()),
                vector.get("headers").get("webhook-id").asText(), ts, body(vector));
        assertThat(signed).isEqualTo(vector.get("expectedSignature").asText());
    }

    @Test
    void theSelfGeneratedVectorVerifiesWithAFrozenClock() {
        assertVerifiesInsideTheWindowOnly(VECTORS.get("selfGeneratedVector"));
    }

    @Test
    void aHeaderWithSeveralSignaturesVerifiesWhenOneOfThemMatches() {
        JsonNode vector = VECTORS.get("officialVector");
        Map<String, String> headers = headers(vector);
        headers.put("webhook-signature", VECTORS.get("multiSignatureHeaderExample").asText());
        assertThatCode(() -> verifier(vector, 0).verify(headers, body(vector))).doesNotThrowAnyException();
    }

    @Test
    void everyNegativeCaseOfTheFixtureIsRejected() {
        JsonNode vector = VECTORS.get("officialVector");
        WebhookVerifier verifier = verifier(vector, 0);
        byte[] body = body(vector);
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            Map<String, String> missing = headers(vector);
            missing.remove(header);
            assertThatThrownBy(() -> verifier.verify(missing, body)).as("missing " + header)
                    .isInstanceOf(WebhookVerifier.Rejected.class).hasMessageContaining(header);
        }
        assertRejected(verifier, with(vector, "webhook-timestamp", "hello"), body, "not a number");
        assertRejected(verifier(vector, 301), headers(vector), body, "too old");
        assertRejected(verifier(vector, -301), headers(vector), body, "too new");
        assertRejected(verifier, with(vector, "webhook-signature", "v1,"), body, "no matching");
        assertRejected(verifier, with(vector, "webhook-signature", "v1,dawfeoifkpqwoekfpqoekf"), body, "no matching");
        String v2Only = "v2," + vector.get("expectedSignature").asText().substring(3);
        assertRejected(verifier, with(vector, "webhook-signature", v2Only), body, "no matching");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_")).isInstanceOf(IllegalArgumentException.class);
        byte[] reserialized = "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8);
        assertRejected(verifier, headers(vector), reserialized, "no matching");
    }

    @Test
    void duringARotationBothSignaturesAreSentAndEitherSecretVerifies() {
        WebhookSecret old = WebhookSecret.generate();
        WebhookSecret fresh = WebhookSecret.generate();
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        byte[] body = "{\"type\":\"message.clicked\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignatures.header(List.of(fresh, old), "msg_1", now.getEpochSecond(), body);
        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        Map<String, String> headers = Map.of("Webhook-Id", "msg_1", "Webhook-Timestamp", Long.toString(now.getEpochSecond()), "Webhook-Signature", header);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        assertThatCode(() -> new WebhookVerifier(List.of(old), clock).verify(headers, body)).doesNotThrowAnyException();
        assertThatCode(() -> new WebhookVerifier(List.of(fresh), clock).verify(headers, body)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new WebhookVerifier(List.of(WebhookSecret.generate()), clock).verify(headers, body))
                .isInstanceOf(WebhookVerifier.Rejected.class);
    }

    @Test
    void generatedSecretsFollowTheSpecsFormatAndParsingRefusesWeakKeys() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(secret.reveal()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.reveal().substring(6))).hasSize(32);
        assertThat(WebhookSecret.parse(secret.reveal()).reveal()).isEqualTo(secret.reveal());
        assertThat(secret.toString()).doesNotContain(secret.reveal().substring(6));
        WebhookEndpoint shown = new WebhookEndpoint("whep1", "https://x.example", List.of(), null, true, null, null, 0, null, null, null, secret.reveal());
        assertThat(shown.toString()).doesNotContain(secret.reveal().substring(6)).contains("[redacted]");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[23]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[65]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[64])).reveal()).startsWith("whsec_");
    }

    private static void assertVerifiesInsideTheWindowOnly(JsonNode vector) {
        Map<String, String> headers = headers(vector);
        byte[] body = body(vector);
        for (long offset : new long[] {0, 300, -300}) {
            assertThatCode(() -> verifier(vector, offset).verify(headers, body)).as("clock at timestamp %+d s", offset).doesNotThrowAnyException();
        }
        assertRejected(verifier(vector, 301), headers, body, "too old");
        assertRejected(verifier(vector, -301), headers, body, "too new");
        assertThatThrownBy(() -> new WebhookVerifier(vector.get("secret").asText(), Clock.systemUTC()).verify(headers, body))
                .as("a real clock").isInstanceOf(WebhookVerifier.Rejected.class).hasMessageContaining("too old");
    }

    private static void assertRejected(WebhookVerifier verifier, Map<String, String> headers, byte[] body, String reason) {
        assertThatThrownBy(() -> verifier.verify(headers, body)).isInstanceOf(WebhookVerifier.Rejected.class).hasMessageContaining(reason);
    }

    /** A verifier whose clock stands {@code offsetSeconds} after the vector's timestamp. */
    private static WebhookVerifier verifier(JsonNode vector, long offsetSeconds) {
        long ts = vector.get("headers").get("webhook-timestamp").asLong();
        return new WebhookVerifier(vector.get("secret").asText(), Clock.fixed(Instant.ofEpochSecond(ts + offsetSeconds), ZoneOffset.UTC));
    }

    private static Map<String, String> headers(JsonNode vector) {
        Map<String, String> headers = new HashMap<>();
        vector.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    private static Map<String, String> with(JsonNode vector, String header, String value) {
        Map<String, String> headers = headers(vector);
        headers.put(header, value);
        return headers;
    }

    private static byte[] body(JsonNode vector) {
        return vector.get("rawBody").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode load() {
        try (InputStream in = StandardWebhooksVectorsTest.class.getResourceAsStream("/fixtures/webhooks/standard-webhooks-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
