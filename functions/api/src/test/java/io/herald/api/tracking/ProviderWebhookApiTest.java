package io.herald.api.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.HeraldTestResources;
import io.herald.api.testing.LogCapture;
import io.herald.api.testing.TestClock;
import io.herald.core.tracking.EventType;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import io.herald.core.tracking.TrackedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The verified provider webhooks through {@code POST /hooks/{provider}/{tenant}}: a verified post is queued on
 * herald-track for its tenant, anything else is a 4xx problem and queues nothing, and no body makes it answer 5xx.
 */
@QuarkusTest
@HeraldStack
class ProviderWebhookApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode VECTOR = json("sendgrid-signed-webhook-vectors.json").path("vectors").get(0);
    private static final String OFFICIAL_KEY = VECTOR.path("publicKey").asText();
    private static final String OFFICIAL_SIGNATURE = VECTOR.path("headers").path("X-Twilio-Email-Event-Webhook-Signature").asText();
    private static final String OFFICIAL_TIMESTAMP = VECTOR.path("headers").path("X-Twilio-Email-Event-Webhook-Timestamp").asText();
    private static final byte[] OFFICIAL_PAYLOAD = bytes("sendgrid-signed-vector1.payload.bin");
    private static final String MAILGUN_KEY = json("mailgun-hmac-vectors.json").path("signingKey").asText();

    @Inject
    TrackQueue trackQueue;

    @Test
    void theOfficialSendGridVectorIsQueuedForItsTenant() {
        Api.TestTenant a = sendGridTenant(OFFICIAL_KEY);
        TestClock.fix(Instant.ofEpochSecond(Long.parseLong(OFFICIAL_TIMESTAMP)));

        sendGrid(a.id(), OFFICIAL_PAYLOAD, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP).then().statusCode(200)
                .body("accepted", equalTo(1)).body("ignored", equalTo(0));

        List<TrackJob> jobs = drain(a.id(), 1);
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.source()).isEqualTo("sendgrid");
            assertThat(job.events()).singleElement().satisfies(event -> {
                assertThat(event.eventId()).isEqualTo("sendgrid:ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA");
                assertThat(event.type()).isEqualTo(EventType.dropped);
                assertThat(event.message().providerMessageId()).isEqualTo("LRzXl_NHStOGhQ4kofSm_A");
            });
        });
    }

    @Test
    void aForgedSendGridPostIs401ProblemJsonAndQueuesNothing() {
        Api.TestTenant a = sendGridTenant(OFFICIAL_KEY);
        TestClock.fix(Instant.ofEpochSecond(Long.parseLong(OFFICIAL_TIMESTAMP)));
        byte[] forged = new String(OFFICIAL_PAYLOAD, StandardCharsets.UTF_8).replace("dropped", "bounce").getBytes(StandardCharsets.UTF_8);

        sendGrid(a.id(), forged, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .body("detail", containsString("does not verify"));
        given().contentType("application/json").body(OFFICIAL_PAYLOAD).post("/hooks/sendgrid/" + a.id()).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("X-Twilio-Email-Event-Webhook-Signature"));

        assertThat(drain(a.id(), 0)).isEmpty();
    }

    @Test
    void anotherTenantsSecretDoesNotOpenATenantsReceiver() {
        KeyPair bKeys = ecKeys();
        Api.TestTenant a = sendGridTenant(OFFICIAL_KEY);
        Api.TestTenant b = sendGridTenant(Base64.getEncoder().encodeToString(bKeys.getPublic().getEncoded()));
        TestClock.fix(Instant.ofEpochSecond(Long.parseLong(OFFICIAL_TIMESTAMP)));

        // Signed with SendGrid's key (a's), posted to b's receiver.
        sendGrid(b.id(), OFFICIAL_PAYLOAD, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP).then().statusCode(401);
        // Signed with b's key, posted to a's receiver.
        sendGrid(a.id(), OFFICIAL_PAYLOAD, sign(bKeys, OFFICIAL_TIMESTAMP, OFFICIAL_PAYLOAD), OFFICIAL_TIMESTAMP).then().statusCode(401);

        assertThat(drain(a.id(), 0)).isEmpty();
        assertThat(drain(b.id(), 0)).isEmpty();
    }

    @Test
    void anOversizeBodyIs413ProblemJsonBeforeAnythingIsVerifiedAndQueuesNothing() {
        Api.TestTenant a = sendGridTenant(OFFICIAL_KEY);
        TestClock.fix(Instant.ofEpochSecond(Long.parseLong(OFFICIAL_TIMESTAMP)));
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        System.arraycopy(OFFICIAL_PAYLOAD, 0, huge, 0, OFFICIAL_PAYLOAD.length);

        sendGrid(a.id(), huge, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("limit"));

        assertThat(drain(a.id(), 0)).isEmpty();
    }

    @Test
    void aTenantWithoutTheAccountOrTheSecretIsRefusedWithWhatIsMissing() {
        Api.TestTenant none = Api.newTenant();
        sendGrid(none.id(), OFFICIAL_PAYLOAD, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no sendgrid account"));
        sendGrid("t-nobody-" + UUID.randomUUID().toString().substring(0, 8), OFFICIAL_PAYLOAD, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP)
                .then().statusCode(404);

        Api.TestTenant withoutKey = Api.newTenant();
        withoutKey.request().body(Map.of("apiKey", "SG.test")).put("/v1/providers/sendgrid").then().statusCode(200);
        sendGrid(withoutKey.id(), OFFICIAL_PAYLOAD, OFFICIAL_SIGNATURE, OFFICIAL_TIMESTAMP).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("no 'webhookVerificationKey' setting"));
    }

    @Test
    void malformedJsonWithAValidSignatureIs400() {
        KeyPair keys = ecKeys();
        Api.TestTenant a = sendGridTenant(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        Instant now = TestClock.fix();
        String timestamp = String.valueOf(now.getEpochSecond());
        byte[] malformed = "[{\"event\":\"delivered\",".getBytes(StandardCharsets.UTF_8);

        sendGrid(a.id(), malformed, sign(keys, timestamp, malformed), timestamp).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("not valid JSON"));
        assertThat(drain(a.id(), 0)).isEmpty();
    }

    @Test
    void aVerifiedMailgunPostIsQueuedOnceItsTokenIsUsedOnlyForItsOwnContent() {
        Api.TestTenant a = mailgunTenant();
        TestClock.fix(Instant.ofEpochSecond(1529692199));
        byte[] delivered = bytes("mailgun-delivered.json");

        mailgun(a.id(), delivered).then().statusCode(200).body("accepted", equalTo(1));
        // Mailgun retrying the same request (say after a 503) is accepted again; its event id makes it count once.
        mailgun(a.id(), delivered).then().statusCode(200).body("accepted", equalTo(1));
        ObjectNode forged = (ObjectNode) json("mailgun-delivered.json");
        ((ObjectNode) forged.path("event-data")).put("event", "complained");
        mailgun(a.id(), forged.toString().getBytes(StandardCharsets.UTF_8)).then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("replay"));
        mailgun(a.id(), bytes("mailgun-doc-envelope-unknown-key.json")).then().statusCode(401);

        List<TrackJob> jobs = drain(a.id(), 2);
        assertThat(jobs).hasSize(2).allSatisfy(job -> assertThat(job.events()).extracting(TrackedEvent::eventId)
                .containsExactly("mailgun:hK7mQVt1QtqRiOfQXta4sw"));
    }

    @Test
    void aPostmarkPostWithTheTenantsCredentialsIsQueuedWithItsExactIdAndAWrongOneIsAnAlert() {
        Api.TestTenant a = Api.newTenant();
        String password = "pw-" + UUID.randomUUID();
        a.request().body(Map.of("serverToken", "POSTMARK_API_TEST", "webhookUsername", "hooks", "webhookPassword", password))
                .put("/v1/providers/postmark").then().statusCode(200)
                .body("settings.webhookUsername", equalTo("hooks")).body("settings.webhookPassword", org.hamcrest.Matchers.nullValue());

        postmark(a.id(), "hooks", password).then().statusCode(200).body("accepted", equalTo(1));
        try (LogCapture logs = LogCapture.start()) {
            postmark(a.id(), "hooks", "wrong-" + password).then().statusCode(401).contentType("application/problem+json");
            assertThat(logs.records()).anySatisfy(line -> assertThat(line).contains("ALERT").contains(a.id()))
                    .noneMatch(line -> line.contains(password));
        }

        assertThat(drain(a.id(), 1)).singleElement().satisfies(job -> assertThat(job.events()).singleElement()
                .satisfies(event -> assertThat(event.eventId()).isEqualTo("postmark:Bounce:4323372036854775807")));
    }

    @Test
    void randomAndMutatedBodiesNeverAnswer5xx() {
        KeyPair keys = ecKeys();
        Api.TestTenant sg = sendGridTenant(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        Api.TestTenant mg = mailgunTenant();
        Api.TestTenant pm = Api.newTenant();
        pm.request().body(Map.of("serverToken", "t", "webhookUsername", "hooks", "webhookPassword", "pw"))
                .put("/v1/providers/postmark").then().statusCode(200);
        Instant now = TestClock.fix();
        String timestamp = String.valueOf(now.getEpochSecond());

        List<byte[]> bodies = new ArrayList<>(Arbitraries.bytes().array(byte[].class).ofMaxSize(400).sampleStream().limit(12).toList());
        for (String fixture : List.of("sendgrid-events.json", "mailgun-delivered.json", "postmark-bounce.json")) {
            byte[] original = bytes(fixture);
            Arbitraries.integers().between(0, original.length - 1).sampleStream().limit(8).forEach(at -> {
                byte[] flipped = original.clone();
                flipped[at] ^= 0x5a;
                bodies.add(flipped);
                bodies.add(java.util.Arrays.copyOf(original, at));
            });
        }
        assertThat(bodies.size()).isGreaterThanOrEqualTo(40);
        for (byte[] body : bodies) {
            int signed = sendGrid(sg.id(), body, sign(keys, timestamp, body), timestamp).statusCode();
            int unsigned = sendGrid(sg.id(), body, OFFICIAL_SIGNATURE, timestamp).statusCode();
            int mailgun = mailgun(mg.id(), body).statusCode();
            int postmark = given().contentType("application/json").auth().preemptive().basic("hooks", "pw").body(body)
                    .post("/hooks/postmark/" + pm.id()).statusCode();
            assertThat(List.of(signed, unsigned, mailgun, postmark)).as("statuses for a body of %d bytes", body.length)
                    .allSatisfy(status -> assertThat(status).isBetween(200, 499));
            assertThat(unsigned).isEqualTo(401);
        }
        drain(sg.id(), 0);
        drain(pm.id(), 0);
    }

    // ---- helpers ----

    private static Api.TestTenant sendGridTenant(String verificationKey) {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("apiKey", "SG.test", "webhookVerificationKey", verificationKey)).put("/v1/providers/sendgrid")
                .then().statusCode(200).body("settings.webhookVerificationKey", org.hamcrest.Matchers.nullValue());
        return tenant;
    }

    private static Api.TestTenant mailgunTenant() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("apiKey", "key-test", "domain", "mg.example.com", "webhookSigningKey", MAILGUN_KEY))
                .put("/v1/providers/mailgun").then().statusCode(200);
        return tenant;
    }

    private static Response sendGrid(String tenantId, byte[] body, String signature, String timestamp) {
        return given().contentType("application/json")
                .header("X-Twilio-Email-Event-Webhook-Signature", signature)
                .header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp)
                .body(body).post("/hooks/sendgrid/" + tenantId);
    }

    private static Response mailgun(String tenantId, byte[] body) {
        return given().contentType("application/json").body(body).post("/hooks/mailgun/" + tenantId);
    }

    private static Response postmark(String tenantId, String user, String password) {
        return given().contentType("application/json").auth().preemptive().basic(user, password)
                .body(bytes("postmark-bounce.json")).post("/hooks/postmark/" + tenantId);
    }

    /**
     * The track jobs queued for one tenant: waits for {@code expected} of them (or a few empty receives when 0),
     * deletes them, and hands other tenants' messages straight back to the queue.
     */
    private List<TrackJob> drain(String tenantId, int expected) {
        List<TrackJob> jobs = new ArrayList<>();
        String url = HeraldTestResources.queueUrl("herald-track");
        try (SqsClient sqs = HeraldTestResources.sqs()) {
            int empty = 0;
            for (int round = 0; round < 40 && (expected == 0 ? empty < 3 : jobs.size() < expected); round++) {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                if (messages.isEmpty()) {
                    empty++;
                }
                for (Message message : messages) {
                    TrackJob job = read(message.body());
                    if (job != null && tenantId.equals(job.tenantId())) {
                        jobs.add(job);
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    } else {
                        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    }
                }
            }
        }
        return jobs;
    }

    private TrackJob read(String body) {
        try {
            return trackQueue.read(body);
        } catch (IOException notATrackJob) {
            return null;
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(KeyPair keys, String timestamp, byte[] body) {
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

    private static byte[] bytes(String name) {
        try (InputStream in = ProviderWebhookApiTest.class.getResourceAsStream("/fixtures/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
