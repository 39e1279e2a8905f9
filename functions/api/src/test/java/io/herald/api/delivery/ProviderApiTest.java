package io.herald.api.delivery;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.api.testing.LogCapture;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.ProviderAccounts;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.store.Keys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Provider accounts: write-only over the API, encrypted at rest, bound to their tenant and kind. */
@QuarkusTest
@HeraldStack
class ProviderApiTest {

    @Inject
    ProviderAccounts accounts;

    @Inject
    DynamoDbClient dynamoDb;

    @Test
    void aSecretIsNeverAnsweredNorLoggedNorStoredInClear() {
        Api.TestTenant a = Api.newTenant();
        String secret = "SG.secret-" + UUID.randomUUID();
        String answers;
        try (LogCapture logs = LogCapture.start()) {
            answers = a.request().body(Map.of("apiKey", secret, "region", "eu"))
                    .put("/v1/providers/sendgrid").then().statusCode(200)
                    .body("kind", equalTo("sendgrid"))
                    .body("settings.region", equalTo("eu"))
                    .body("settings.apiKey", nullValue())
                    .body("fingerprint", matchesPattern("[0-9a-f]{16}"))
                    .extract().asString();
            answers += a.request().get("/v1/providers").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].kind", equalTo("sendgrid")).body("next", nullValue())
                    .extract().asString();
            answers += a.request().get("/v1/providers/sendgrid").then().statusCode(200).extract().asString();
            answers += a.request().body(Map.of("apiKey", secret, "bogus", secret)).put("/v1/providers/sendgrid")
                    .then().statusCode(400).extract().asString();
            assertThat(logs.records()).as("log records of the requests").isNotEmpty().noneMatch(line -> line.contains(secret));
        }
        assertThat(answers).doesNotContain(secret).doesNotContain("secret-");

        Map<String, AttributeValue> raw = rawItem(Keys.tenant(a.id()), Keys.providerSk("sendgrid"));
        assertThat(raw).isNotEmpty();
        assertThat(raw.toString()).doesNotContain(secret).doesNotContain("secret-");
        assertThat(accounts.credentials(a.id(), ProviderKind.sendgrid)).map(credentials -> credentials.require("apiKey")).contains(secret);
    }

    @Test
    void eachWriteSealsWithAFreshNonceAndTheFingerprintFollowsTheValues() {
        Api.TestTenant a = Api.newTenant();
        Map<String, String> settings = Map.of("serverToken", "pm-" + UUID.randomUUID());
        String first = a.request().body(settings).put("/v1/providers/postmark").then().statusCode(200).extract().path("fingerprint");
        String sealedFirst = rawItem(Keys.tenant(a.id()), Keys.providerSk("postmark")).get("doc").s();
        String second = a.request().body(settings).put("/v1/providers/postmark").then().statusCode(200).extract().path("fingerprint");
        String sealedSecond = rawItem(Keys.tenant(a.id()), Keys.providerSk("postmark")).get("doc").s();
        String third = a.request().body(Map.of("serverToken", "pm-other")).put("/v1/providers/postmark").then().statusCode(200).extract().path("fingerprint");

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
        assertThat(sealedSecond).isNotEqualTo(sealedFirst);
    }

    @Test
    void aCiphertextCopiedToAnotherTenantOrKindDoesNotDecrypt() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        a.request().body(Map.of("apiKey", "SG.a-only")).put("/v1/providers/sendgrid").then().statusCode(200);
        Map<String, AttributeValue> raw = rawItem(Keys.tenant(a.id()), Keys.providerSk("sendgrid"));

        Map<String, AttributeValue> moved = new HashMap<>(raw);
        moved.put(Keys.PK, AttributeValue.fromS(Keys.tenant(b.id())));
        dynamoDb.putItem(r -> r.tableName(io.herald.api.testing.HeraldTestResources.TABLE).item(moved));
        assertThat(accounts.isConfigured(b.id(), ProviderKind.sendgrid)).isTrue();
        assertThatThrownBy(() -> accounts.credentials(b.id(), ProviderKind.sendgrid))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.reason()).isEqualTo(DeliveryException.Reason.AUTHENTICATION));

        Map<String, AttributeValue> otherKind = new HashMap<>(raw);
        otherKind.put(Keys.SK, AttributeValue.fromS(Keys.providerSk("mailgun")));
        otherKind.put("doc", AttributeValue.fromS(raw.get("doc").s().replace("\"kind\":\"sendgrid\"", "\"kind\":\"mailgun\"")));
        dynamoDb.putItem(r -> r.tableName(io.herald.api.testing.HeraldTestResources.TABLE).item(otherKind));
        assertThatThrownBy(() -> accounts.credentials(a.id(), ProviderKind.mailgun)).isInstanceOf(DeliveryException.class);

        assertThat(accounts.credentials(a.id(), ProviderKind.sendgrid)).map(ProviderCredentials::values).contains(Map.of("apiKey", "SG.a-only"));
    }

    @Test
    void eachMissingOrInvalidSettingIsA400NamingIt() {
        Api.TestTenant a = Api.newTenant();
        expect400(a, "sendgrid", "{}", "apiKey: required for sendgrid");
        expect400(a, "mailgun", "{\"apiKey\":\"key-1\"}", "domain: required for mailgun");
        expect400(a, "mailgun", "{\"apiKey\":\"key-1\",\"domain\":\"mg.example.com\",\"region\":\"asia\"}", "region: 'asia' is not us or eu");
        expect400(a, "ses", "{}", "region: required for ses");
        expect400(a, "ses", "{\"region\":\"eu-west-1\",\"accessKeyId\":\"AKIAIOSFODNN7EXAMPLE\"}", "secretAccessKey: accessKeyId and secretAccessKey go together");
        expect400(a, "smtp", "{\"port\":25}", "host: required for smtp");
        expect400(a, "smtp", "{\"host\":\"mail.example.com\",\"port\":70000}", "port: '70000' is not a TCP port");
        expect400(a, "smtp", "{\"host\":\"mail.example.com\",\"port\":25,\"password\":\"p\"}", "username: username and password go together");
        expect400(a, "smtp", "{\"host\":\"mail.example.com\",\"username\":\"u\"}", "password: username and password go together");
        expect400(a, "ses", "{\"region\":\"eu-west-1\",\"sessionToken\":\"t\"}", "accessKeyId: required with a sessionToken");
        expect400(a, "postmark", "{\"serverToken\":\"t\",\"servertoken\":\"t\"}", "'servertoken' is not a postmark setting");
        expect400(a, "postmark", "{\"serverToken\":\"bad\\nvalue\"}", "serverToken: the value is not 1 to 2048 characters");
        expect400(a, "sendgrid", "{\"apiKey\":\"k\",\"baseUrl\":\"http://169.254.169.254/\"}", "'baseUrl' is not a sendgrid setting; use [apiKey, region, webhookVerificationKey]");
        a.request().body("{\"apiKey\":{\"nested\":true}}").put("/v1/providers/sendgrid").then().statusCode(400)
                .contentType("application/problem+json");
        a.request().body("null").put("/v1/providers/sendgrid").then().statusCode(400);
        a.request().body("{\"apiKey\":\"k\"}").put("/v1/providers/sparkpost").then().statusCode(404)
                .body("detail", containsString("use one of [smtp, ses, sendgrid, mailgun, postmark]"));

        a.request().get("/v1/providers").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void smtpForTheLocalStackTakesAPortAsANumber() {
        Api.TestTenant a = Api.newTenant();
        a.request().body("{\"host\":\"127.0.0.1\",\"port\":1025,\"tls\":\"none\"}").put("/v1/providers/smtp").then().statusCode(200)
                .body("settings.port", equalTo("1025"));
        assertThat(accounts.credentials(a.id(), ProviderKind.smtp)).map(ProviderCredentials::values)
                .contains(Map.of("host", "127.0.0.1", "port", "1025", "tls", "none"));
    }

    @Test
    void deleteRemovesTheAccount() {
        Api.TestTenant a = Api.newTenant();
        a.request().body(Map.of("apiKey", "SG.x")).put("/v1/providers/sendgrid").then().statusCode(200);
        a.request().delete("/v1/providers/sendgrid").then().statusCode(204);
        a.request().delete("/v1/providers/sendgrid").then().statusCode(404);
        a.request().get("/v1/providers/sendgrid").then().statusCode(404);
        assertThat(accounts.credentials(a.id(), ProviderKind.sendgrid)).isEmpty();
        assertThat(accounts.isConfigured(a.id(), ProviderKind.sendgrid)).isFalse();
    }

    @Test
    void tenantBCannotSeeOrChangeTenantAsProviders() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        a.request().body(Map.of("apiKey", "key-a", "domain", "mg.a.example")).put("/v1/providers/mailgun").then().statusCode(200);

        b.request().get("/v1/providers").then().statusCode(200).body("items", hasSize(0));
        b.request().get("/v1/providers/mailgun").then().statusCode(404);
        b.request().delete("/v1/providers/mailgun").then().statusCode(404);
        b.request().body(Map.of("apiKey", "key-b", "domain", "mg.b.example")).put("/v1/providers/mailgun").then().statusCode(200);

        a.request().get("/v1/providers/mailgun").then().statusCode(200).body("settings.domain", equalTo("mg.a.example"));
        assertThat(accounts.credentials(a.id(), ProviderKind.mailgun)).map(c -> c.require("apiKey")).contains("key-a");
        Api.as("hk_" + a.id() + "_" + "x".repeat(43)).get("/v1/providers").then().statusCode(401)
                .body(not(containsString("key-a")));
    }

    private static void expect400(Api.TestTenant tenant, String kind, String body, String detail) {
        tenant.request().body(body).put("/v1/providers/" + kind).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(detail));
    }

    private Map<String, AttributeValue> rawItem(String pk, String sk) {
        return dynamoDb.getItem(r -> r.tableName(io.herald.api.testing.HeraldTestResources.TABLE).consistentRead(true)
                .key(Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk)))).item();
    }
}
