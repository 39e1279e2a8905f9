package io.herald.api.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.HeraldTestResources;
import io.herald.api.testing.LogCapture;
import io.herald.core.store.Keys;
import io.herald.core.tracking.outbound.WebhookEndpoints;
import io.herald.core.tracking.outbound.WebhookSecret;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The webhook endpoint API: the secret shown once and sealed at rest, validation, tenant isolation, rotation, paging. */
@QuarkusTest
@HeraldStack
class WebhookEndpointApiTest {

    private static final String URL = "https://hooks.acme.example/herald";

    @Inject
    DynamoDbClient dynamoDb;
    @Inject
    WebhookEndpoints endpoints;
    @Inject
    ObjectMapper json;

    @Test
    void theSecretIsShownOnceOnCreationAndNeverAgainNorStoredInClear() {
        Api.TestTenant a = Api.newTenant();
        String secret;
        String id;
        String later;
        try (LogCapture logs = LogCapture.start()) {
            var created = a.request().body(Map.of("url", URL, "eventTypes", List.of("message.clicked", "message.bounced"), "description", "CRM"))
                    .post("/v1/webhook-endpoints").then().statusCode(201)
                    .header("Location", containsString("/v1/webhook-endpoints/whep"))
                    .body("url", equalTo(URL)).body("eventTypes", hasSize(2)).body("enabled", equalTo(true))
                    .body("consecutiveFailures", equalTo(0)).body("secret", startsWith("whsec_"))
                    .extract();
            secret = created.path("secret");
            id = created.path("id");
            later = a.request().get("/v1/webhook-endpoints/" + id).then().statusCode(200)
                    .body("secret", nullValue()).body("description", equalTo("CRM")).extract().asString();
            later += a.request().get("/v1/webhook-endpoints").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("items[0].secret", nullValue()).extract().asString();
            later += a.request().body(Map.of("description", "CRM sync")).patch("/v1/webhook-endpoints/" + id).then().statusCode(200)
                    .body("secret", nullValue()).body("description", equalTo("CRM sync")).extract().asString();
            assertThat(logs.records()).noneMatch(line -> line.contains(secret.substring(6)));
        }
        WebhookSecret.parse(secret);
        assertThat(later).doesNotContain(secret.substring(6));
        Map<String, AttributeValue> raw = dynamoDb.getItem(b -> b.tableName(HeraldTestResources.TABLE).key(Map.of(
                "pk", AttributeValue.fromS(Keys.webhookEndpoints(a.id())), "sk", AttributeValue.fromS(Keys.webhookEndpointSk(id))))).item();
        assertThat(raw).isNotEmpty();
        assertThat(raw.toString()).doesNotContain(secret.substring(6));
        var stored = endpoints.stored(a.id(), id).orElseThrow();
        assertThat(endpoints.signingSecrets(a.id(), stored, Instant.now())).extracting(WebhookSecret::reveal).containsExactly(secret);
    }

    @Test
    void invalidInputIsA400ThatSaysWhy() {
        Api.TestTenant a = Api.newTenant();
        badCreate(a, Map.of("url", "http://hooks.acme.example/"), "https");
        badCreate(a, Map.of("url", "https://user:pw@hooks.acme.example/"), "credentials");
        badCreate(a, Map.of("url", "https://169.254.169.254/latest/meta-data/"), "metadata");
        badCreate(a, Map.of("url", "https://[fd00:ec2::254]/"), "metadata");
        badCreate(a, Map.of("url", "https://10.0.0.8/hook"), "private");
        badCreate(a, Map.of("url", "https://localhost/hook"), "this machine");
        badCreate(a, Map.of("description", "no url"), "url: required");
        badCreate(a, Map.of("url", URL, "eventTypes", List.of("message.clicked", "email.opened")), "email.opened");
        badCreate(a, Map.of("url", URL, "description", "x".repeat(201)), "description");
        badCreate(a, Map.of("url", URL, "enabled", false), "");
        a.request().body("[1,2]").post("/v1/webhook-endpoints").then().statusCode(400);
        a.request().body("{\"url\":").post("/v1/webhook-endpoints").then().statusCode(400);
        a.request().get("/v1/webhook-endpoints?limit=0").then().statusCode(400);
        a.request().get("/v1/webhook-endpoints?limit=101").then().statusCode(400);
        String id = create(a);
        a.request().body(Map.of("url", "ftp://hooks.acme.example/")).patch("/v1/webhook-endpoints/" + id).then().statusCode(400)
                .body("detail", containsString("https"));
        a.request().body(Map.of("eventTypes", List.of("nope"))).patch("/v1/webhook-endpoints/" + id).then().statusCode(400);
        a.request().get("/v1/webhook-endpoints").then().statusCode(200).body("items", hasSize(1)).body("items[0].url", equalTo(URL));
    }

    @Test
    void anotherTenantsEndpointIsNotFoundForEveryOperation() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        String id = create(a);
        b.request().get("/v1/webhook-endpoints/" + id).then().statusCode(404).body("detail", containsString(id));
        b.request().body(Map.of("enabled", false)).patch("/v1/webhook-endpoints/" + id).then().statusCode(404);
        b.request().post("/v1/webhook-endpoints/" + id + "/rotate-secret").then().statusCode(404);
        b.request().get("/v1/webhook-endpoints/" + id + "/deliveries").then().statusCode(404);
        b.request().post("/v1/webhook-endpoints/" + id + "/test").then().statusCode(404);
        b.request().delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
        b.request().get("/v1/webhook-endpoints").then().statusCode(200).body("items", hasSize(0));
        b.request().get("/v1/webhook-endpoints/not-an-id").then().statusCode(404);
        a.request().get("/v1/webhook-endpoints/" + id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void rotationShowsTheNewSecretOnceAndKeepsTheOldOneSigningFor24Hours() {
        Api.TestTenant a = Api.newTenant();
        var created = a.request().body(Map.of("url", URL)).post("/v1/webhook-endpoints").then().statusCode(201).extract();
        String id = created.path("id");
        String old = created.path("secret");
        var rotated = a.request().post("/v1/webhook-endpoints/" + id + "/rotate-secret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).body("previousSecretExpiresAt", notNullValue()).extract();
        String fresh = rotated.path("secret");
        assertThat(fresh).isNotEqualTo(old);
        Instant until = Instant.parse(rotated.path("previousSecretExpiresAt"));
        assertThat(until).isBetween(Instant.now().plusSeconds(23 * 3600), Instant.now().plusSeconds(24 * 3600 + 60));
        a.request().get("/v1/webhook-endpoints/" + id).then().statusCode(200).body("secret", nullValue());

        var stored = endpoints.stored(a.id(), id).orElseThrow();
        assertThat(endpoints.signingSecrets(a.id(), stored, Instant.now())).extracting(WebhookSecret::reveal).containsExactly(fresh, old);
        assertThat(endpoints.signingSecrets(a.id(), stored, until.plusSeconds(1))).extracting(WebhookSecret::reveal).containsExactly(fresh);
    }

    @Test
    void disablingAndReEnablingThroughPatchAndDeleting() {
        Api.TestTenant a = Api.newTenant();
        String id = create(a);
        a.request().body(Map.of("enabled", false)).patch("/v1/webhook-endpoints/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("disabled through the API")).body("disabledAt", notNullValue());
        a.request().post("/v1/webhook-endpoints/" + id + "/test").then().statusCode(409).body("detail", containsString("disabled"));
        endpoints.recordFinalFailure(a.id(), id, "HTTP 500");
        a.request().get("/v1/webhook-endpoints/" + id).then().body("consecutiveFailures", equalTo(1));
        a.request().body(Map.of("enabled", true)).patch("/v1/webhook-endpoints/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue()).body("disabledAt", nullValue())
                .body("consecutiveFailures", equalTo(0));
        a.request().delete("/v1/webhook-endpoints/" + id).then().statusCode(204);
        a.request().get("/v1/webhook-endpoints/" + id).then().statusCode(404);
    }

    @Test
    void theListPagesNewestFirst() {
        Api.TestTenant a = Api.newTenant();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create(a));
        }
        var first = a.request().get("/v1/webhook-endpoints?limit=2").then().statusCode(200).body("items", hasSize(2)).extract();
        String next = first.path("next");
        assertThat(next).isNotNull();
        List<String> seen = new ArrayList<>(first.path("items.id"));
        var second = a.request().queryParam("cursor", next).queryParam("limit", 2).get("/v1/webhook-endpoints").then().statusCode(200).extract();
        seen.addAll(second.path("items.id"));
        assertThat(seen).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    }

    @Test
    void aTestEventIsQueuedForTheDeliverFunction() throws Exception {
        Api.TestTenant a = Api.newTenant();
        String id = create(a);
        String webhookId = a.request().post("/v1/webhook-endpoints/" + id + "/test").then().statusCode(202)
                .body("webhookId", startsWith("msg_test_")).extract().path("webhookId");
        a.request().get("/v1/webhook-endpoints/" + id + "/deliveries").then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        Set<String> found = new HashSet<>();
        for (int round = 0; round < 10 && !found.contains(webhookId); round++) {
            List<Message> messages = HeraldTestResources.sqs().receiveMessage(r -> r.queueUrl(HeraldTestResources.queueUrl("herald-webhooks"))
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message message : messages) {
                JsonNode job = json.readTree(message.body());
                if (job.path("tenantId").asText().equals(a.id())) {
                    found.add(job.path("webhookId").asText());
                    assertThat(job.path("endpointId").asText()).isEqualTo(id);
                    assertThat(json.readTree(job.path("body").asText()).path("type").asText()).isEqualTo("webhook.test");
                    HeraldTestResources.sqs().deleteMessage(d -> d.queueUrl(HeraldTestResources.queueUrl("herald-webhooks")).receiptHandle(message.receiptHandle()));
                }
            }
        }
        assertThat(found).contains(webhookId);
    }

    private static String create(Api.TestTenant tenant) {
        return tenant.request().body(Map.of("url", URL)).post("/v1/webhook-endpoints").then().statusCode(201).extract().path("id");
    }

    private static void badCreate(Api.TestTenant tenant, Map<String, Object> body, String detail) {
        tenant.request().body(body).post("/v1/webhook-endpoints").then().statusCode(400)
                .contentType(containsString("problem+json")).body("detail", containsString(detail));
    }
}
