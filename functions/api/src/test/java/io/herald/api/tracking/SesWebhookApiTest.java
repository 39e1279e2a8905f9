package io.herald.api.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.HeraldTestResources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * SES events through an SNS HTTPS subscription, through {@code POST /hooks/ses/{tenant}} as SNS posts them
 * ({@code text/plain}, its headers): verified against the test certificate served where SNS would serve it (see
 * {@link SnsThroughWireMock}), queued on herald-track, confirmed only for the tenant's own topic.
 */
@QuarkusTest
@HeraldStack
class SesWebhookApiTest {

    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    static final String TEXT = "text/plain; charset=UTF-8";

    @BeforeEach
    void stubSns() {
        HeraldTestResources.wireMock().stubFor(get(urlPathEqualTo("/sns/us-east-1/SimpleNotificationService-0000000000000000000000000000test.pem"))
                .willReturn(aResponse().withStatus(200).withBody(SnsSigner.fixture("sns-test-signing-cert.pem"))));
        HeraldTestResources.wireMock().stubFor(get(urlPathEqualTo("/sns/us-east-1/"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody("<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>" + TOPIC
                                + ":1</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>")));
    }

    static Api.TestTenant tenantWithTopic(String topic) {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("region", "us-east-1", "snsTopicArn", topic)).put("/v1/providers/ses")
                .then().statusCode(200).body("settings.snsTopicArn", equalTo(topic));
        return tenant;
    }

    static Response post(String tenant, byte[] body, String type) {
        return given().contentType(TEXT)
                .header("x-amz-sns-message-type", type)
                .header("x-amz-sns-topic-arn", TOPIC)
                .header("User-Agent", "Amazon Simple Notification Service Agent")
                .body(body)
                .post("/hooks/ses/" + tenant);
    }

    @Test
    void aSignedNotificationIsQueuedForTheTrackWorker() {
        Api.TestTenant tenant = tenantWithTopic(TOPIC);
        String messageId = UUID.randomUUID().toString();
        ObjectNode record = SnsSigner.json("ses-event-bounce.json");
        ObjectNode tags = ((ObjectNode) record.path("mail")).withObject("/tags");
        tags.putArray("herald-message-id").add(messageId);
        tags.putArray("herald-tenant").add(tenant.id());
        ((ObjectNode) record.path("bounce")).withArray("/bouncedRecipients").addObject().put("emailAddress", "second@example.com");

        post(tenant.id(), notification(record), "Notification").then().statusCode(200)
                .body("accepted", equalTo(2)).body("ignored", equalTo(0));

        JsonNode job = trackJobOf(tenant.id());
        assertThat(job.path("source").asText()).isEqualTo("ses");
        assertThat(job.path("events")).hasSize(2);
        JsonNode event = job.path("events").path(0);
        assertThat(event.path("type").asText()).isEqualTo("bounce");
        assertThat(event.path("detail").path("bounce").asText()).isEqualTo("hard");
        assertThat(event.path("message").path("messageId").asText()).isEqualTo(messageId);
        assertThat(event.path("message").path("tenantId").asText()).isEqualTo(tenant.id());
        assertThat(event.path("message").path("provider").asText()).isEqualTo("ses");
        assertThat(event.path("message").path("providerMessageId").asText()).isEqualTo("EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
        assertThat(job.path("events").path(1).path("message").path("recipient").asText()).isEqualTo("second@example.com");
    }

    @Test
    void aNotificationClaimingAnotherTenantIsQueuedOnlyForTheReceivingTenant() {
        Api.TestTenant receiving = tenantWithTopic(TOPIC);
        Api.TestTenant other = Api.newTenant();
        ObjectNode record = SnsSigner.json("ses-event-delivery.json");
        ObjectNode tags = ((ObjectNode) record.path("mail")).withObject("/tags");
        tags.putArray("herald-message-id").add("their-message");
        tags.putArray("herald-tenant").add(other.id());
        post(receiving.id(), notification(record), "Notification").then().statusCode(200).body("accepted", equalTo(1));
        JsonNode job = trackJobOf(receiving.id());
        assertThat(job.path("tenantId").asText()).isEqualTo(receiving.id());
        assertThat(job.path("events").path(0).path("message").path("tenantId").asText())
                .as("kept as a claim, which the track worker compares with the job's tenant").isEqualTo(other.id());
    }

    @Test
    void theSelfSignedFixturesAreAcceptedAsTheyAre() {
        Api.TestTenant tenant = tenantWithTopic(TOPIC);
        post(tenant.id(), SnsSigner.fixture("ses-sns-bounce.json"), "Notification").then().statusCode(200).body("accepted", equalTo(1));
        post(tenant.id(), SnsSigner.fixture("ses-sns-send.json"), "Notification").then().statusCode(200)
                .body("accepted", equalTo(0)).body("ignored", equalTo(1));
        assertThat(trackJobOf(tenant.id()).path("events").path(0).path("type").asText()).isEqualTo("bounce");
    }

    @Test
    void aConfirmationForTheConfiguredTopicMakesExactlyOneGetOfTheSubscribeUrl() {
        Api.TestTenant tenant = tenantWithTopic(TOPIC);
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        post(tenant.id(), confirmation(TOPIC, token), "SubscriptionConfirmation").then().statusCode(200)
                .body("accepted", equalTo(0)).body("note", equalTo("subscription confirmed"));

        assertThat(HeraldTestResources.wireMock().findAll(getRequestedFor(urlPathEqualTo("/sns/us-east-1/"))
                .withQueryParam("Token", WireMock.equalTo(token)))).hasSize(1);
        assertThat(SnsThroughWireMock.REQUESTED).filteredOn(url -> url.contains(token)).containsExactly(
                "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=" + token);
    }

    @Test
    void aConfirmationForAnotherTopicIsRefusedWithoutAnyRequest() {
        Api.TestTenant tenant = tenantWithTopic(TOPIC);
        String other = "arn:aws:sns:us-east-1:123456789012:someone-elses";
        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        int before = SnsThroughWireMock.REQUESTED.size();
        given().contentType(TEXT).header("x-amz-sns-message-type", "SubscriptionConfirmation").body(confirmation(other, token))
                .post("/hooks/ses/" + tenant.id())
                .then().statusCode(401).contentType("application/problem+json").body("detail", containsString("another topic"));
        assertThat(SnsThroughWireMock.REQUESTED).hasSize(before);
        assertThat(HeraldTestResources.wireMock().findAll(getRequestedFor(urlPathEqualTo("/sns/us-east-1/"))
                .withQueryParam("Token", WireMock.equalTo(token)))).isEmpty();
    }

    @Test
    void theEvilUrlConfirmationAndTheDocExampleAreRefused() {
        Api.TestTenant tenant = tenantWithTopic(TOPIC);
        int before = SnsThroughWireMock.REQUESTED.size();
        post(tenant.id(), SnsSigner.fixture("sns-subscription-confirmation-evil-urls.json"), "SubscriptionConfirmation")
                .then().statusCode(401).body("detail", containsString("SigningCertURL"));
        assertThat(SnsThroughWireMock.REQUESTED).as("no outbound request for the evil URLs").hasSize(before);

        Api.TestTenant docs = tenantWithTopic("arn:aws:sns:us-west-2:123456789012:MyTopic");
        given().contentType(TEXT).body(SnsSigner.fixture("sns-notification-doc.json")).post("/hooks/ses/" + docs.id())
                .then().statusCode(401).body("detail", containsString("not base64"));
        assertThat(SnsThroughWireMock.REQUESTED).as("its fake signature is refused before anything is fetched").hasSize(before);
        // The confirmation example's fake signature is base64: its (real) SNS certificate URL is asked, never its SubscribeURL.
        given().contentType(TEXT).body(SnsSigner.fixture("sns-subscription-confirmation.json")).post("/hooks/ses/" + docs.id())
                .then().statusCode(401);
        assertThat(SnsThroughWireMock.REQUESTED).hasSize(before + 1).last().asString()
                .isEqualTo("https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem");
    }

    @Test
    void aTenantWithoutATopicOrWithoutAnSesAccountAcceptsNothing() {
        Api.TestTenant noTopic = Api.newTenant();
        noTopic.request().body(Map.of("region", "us-east-1")).put("/v1/providers/ses").then().statusCode(200);
        post(noTopic.id(), SnsSigner.fixture("ses-sns-bounce.json"), "Notification").then().statusCode(401)
                .body("detail", containsString("snsTopicArn"));
        post(Api.newTenant().id(), SnsSigner.fixture("ses-sns-bounce.json"), "Notification").then().statusCode(404);
    }

    @Test
    void theTopicSettingIsValidated() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("region", "us-east-1", "snsTopicArn", "https://attacker.example/topic")).put("/v1/providers/ses")
                .then().statusCode(400).body("detail", containsString("snsTopicArn"));
    }

    @Test
    void randomAndMutatedBodiesNeverAnswer5xx() {
        Api.TestTenant tenant = tenantWithTopic(TOPIC);
        List<String> fixtures = List.of("ses-sns-bounce.json", "ses-sns-send.json", "sns-subscription-confirmation-signed-test.json",
                "sns-subscription-confirmation-evil-urls.json", "sns-notification-doc.json");
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(fixtures).map(SnsSigner::fixture),
                Arbitraries.integers().between(0, 10_000), Arbitraries.bytes(), Arbitraries.of(true, false)).as((body, at, value, replace) -> {
                    int i = at % body.length;
                    if (replace) {
                        byte[] copy = Arrays.copyOf(body, body.length);
                        copy[i] = value;
                        return copy;
                    }
                    return Arrays.copyOf(body, i);
                });
        List<byte[]> bodies = new ArrayList<>(mutated.sampleStream().limit(100).toList());
        bodies.addAll(Arbitraries.bytes().array(byte[].class).ofMaxSize(2000).sampleStream().limit(60).toList());
        for (byte[] body : bodies) {
            int status = given().contentType(TEXT).body(body).post("/hooks/ses/" + tenant.id()).then().extract().statusCode();
            assertThat(status).as(new String(body, StandardCharsets.UTF_8)).isBetween(200, 499);
        }
    }

    private static byte[] notification(JsonNode record) {
        ObjectNode message = SnsSigner.JSON.createObjectNode();
        message.put("Type", "Notification");
        message.put("MessageId", UUID.randomUUID().toString());
        message.put("TopicArn", TOPIC);
        message.put("Message", record.toString());
        message.put("Timestamp", "2026-12-01T09:00:00.000Z");
        message.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":1");
        return SnsSigner.sign(message);
    }

    private static byte[] confirmation(String topic, String token) {
        ObjectNode message = SnsSigner.json("sns-subscription-confirmation-signed-test.json");
        message.put("TopicArn", topic);
        message.put("Token", token);
        message.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=" + token);
        return SnsSigner.sign(message);
    }

    /** The job queued for the tenant; other tests' messages are put back at once. */
    private static JsonNode trackJobOf(String tenant) {
        try (SqsClient sqs = HeraldTestResources.sqs()) {
            String url = HeraldTestResources.queueUrl("herald-track");
            for (int attempt = 0; attempt < 20; attempt++) {
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    JsonNode job = SnsSigner.JSON.readTree(message.body());
                    if (tenant.equals(job.path("tenantId").asText())) {
                        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                        return job;
                    }
                    sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no job for tenant " + tenant + " on herald-track");
    }
}
