package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The copied provider fixtures (src/test/resources/fixtures/webhooks, see SOURCES.md there) and what tests build around them. */
final class WebhookFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TENANT = "acme";
    static final String MAILGUN_KEY = "test-mailgun-webhook-signing-key-NOT-REAL";

    private WebhookFixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/fixtures/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebhookRequest request(byte[] body, Instant at, String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new WebhookRequest(TENANT, map, body, at);
    }

    static ProviderCredentials account(ProviderKind kind, String... settings) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return new ProviderCredentials(kind, values);
    }

    /** A fresh P-256 key pair standing in for a tenant's SendGrid signing key. */
    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicKeyBase64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Signs as SendGrid does: ECDSA P-256 / SHA-256 over the timestamp's bytes then the body's, DER in base64. */
    static String sendGridSignature(KeyPair keys, String timestamp, byte[] body) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return Base64.getEncoder().encodeToString(ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replay marks in memory, as the DynamoDB ones behave. */
    static final class MemoryReplays implements WebhookReplays {

        final Map<String, String> seen = new ConcurrentHashMap<>();

        @Override
        public Use claim(String tenantId, ProviderKind provider, String token, String contentSha256, Instant receivedAt, Instant expiresAt) {
            String previous = seen.putIfAbsent(tenantId + "\u0000" + provider + "\u0000" + token, contentSha256);
            return previous == null ? Use.FIRST : previous.equals(contentSha256) ? Use.REPEAT : Use.CONFLICT;
        }
    }
}
