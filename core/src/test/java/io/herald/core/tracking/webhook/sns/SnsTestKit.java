package io.herald.core.tracking.webhook.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the SNS and SES tests share: the fixtures, a signer with the TEST-ONLY key of the fixture set (so tests can
 * sign messages of their own, as SNS would), and a fake network that serves the test certificate and counts every
 * request.
 */
public final class SnsTestKit {

    public static final String DIR = "/fixtures/webhooks/ses/";
    /** The SigningCertURL of every self-signed fixture; a fake SNS URL that only {@link FakeSnsHttp} serves. */
    public static final String TEST_CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000test.pem";
    public static final String FIXTURE_TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    static final ObjectMapper JSON = new ObjectMapper();

    private SnsTestKit() {
    }

    public static byte[] fixture(String name) {
        try (InputStream in = SnsTestKit.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(fixture(name), StandardCharsets.UTF_8);
    }

    public static ObjectNode json(String name) {
        try {
            return (ObjectNode) JSON.readTree(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs the SNS message (its SignatureVersion, 2 when it has none) with the TEST-ONLY key and answers its JSON. */
    public static byte[] sign(ObjectNode message) {
        if (!message.hasNonNull("SignatureVersion")) {
            message.put("SignatureVersion", "2");
        }
        if (!message.hasNonNull("SigningCertURL")) {
            message.put("SigningCertURL", TEST_CERT_URL);
        }
        SnsMessage parsed = SnsMessage.from(message).orElseThrow();
        try {
            Signature signer = Signature.getInstance(SnsVerifier.algorithm(parsed.signatureVersion()));
            signer.initSign(key());
            signer.update(parsed.stringToSign());
            message.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
            return JSON.writeValueAsBytes(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed Notification of the topic carrying the SES record as its Message. */
    public static byte[] notification(String topicArn, JsonNode sesRecord, String messageId) {
        ObjectNode message = JSON.createObjectNode();
        message.put("Type", "Notification");
        message.put("MessageId", messageId);
        message.put("TopicArn", topicArn);
        message.put("Message", sesRecord.toString());
        message.put("Timestamp", "2026-12-01T09:00:00.000Z");
        message.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":1");
        return sign(message);
    }

    /** The SES record of a fixture with Herald's tags added, as SesMailer sends them. */
    public static ObjectNode tagged(String fixture, String heraldMessageId, String tenant) {
        ObjectNode record = json(fixture);
        ObjectNode tags = ((ObjectNode) record.path("mail")).withObject("/tags");
        tags.putArray("herald-message-id").add(heraldMessageId);
        tags.putArray("herald-tenant").add(tenant);
        return record;
    }

    private static PrivateKey key() throws Exception {
        String pem = text("sns-test-signing-key.TEST-ONLY.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    public static SnsConfig config() {
        return new SnsConfig() {
            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int cachedCertificates() {
                return 4;
            }
        };
    }

    /** The network as the tests see it: the test certificate at its URL, 200 for everything else on SNS's hosts, every request counted. */
    public static final class FakeSnsHttp implements SnsHttp {

        public final List<String> requests = new ArrayList<>();
        public final Map<String, Answer> answers = new HashMap<>();

        public FakeSnsHttp() {
            answers.put(TEST_CERT_URL, new Answer(200, fixture("sns-test-signing-cert.pem")));
        }

        @Override
        public synchronized Answer get(SnsUrl url) {
            requests.add(url.uri().toString());
            if (url.uri().getPath().endsWith(".pem")) {
                return answers.getOrDefault(url.uri().toString(), new Answer(404, new byte[0]));
            }
            return answers.getOrDefault(url.uri().toString(), new Answer(200, "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8)));
        }
    }
}
