package io.herald.api.delivery;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.herald.core.delivery.Suppressions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The suppression list over the API, as the send step reads it, and what erasure leaves of it. */
@QuarkusTest
@HeraldStack
class SuppressionApiTest {

    @Inject
    Suppressions suppressions;

    @Test
    void anAddedAddressIsSuppressedWhateverItsCaseAndASecondAddKeepsTheFirstReason() {
        Api.TestTenant a = Api.newTenant();
        a.request().body(Map.of("email", "Li.Wei@Example.com", "reason", "complaint", "source", "postmark webhook"))
                .post("/v1/suppressions").then().statusCode(201)
                .body("email", equalTo("li.wei@example.com")).body("reason", equalTo("complaint"))
                .body("source", equalTo("postmark webhook")).body("addressSha256", matchesPattern("[0-9a-f]{64}")).body("at", notNullValue());
        a.request().body(Map.of("email", "li.wei@example.com", "reason", "manual")).post("/v1/suppressions").then().statusCode(200)
                .body("reason", equalTo("complaint"));

        assertThat(suppressions.isSuppressed(a.id(), "LI.WEI@example.COM")).isTrue();
        assertThat(suppressions.isSuppressed(a.id(), "li.wei+news@example.com")).isFalse();
        a.request().get("/v1/suppressions/li.wei@example.com").then().statusCode(200).body("source", equalTo("postmark webhook"));
        a.request().body(Map.of("email", "ana@example.com", "reason", "manual")).post("/v1/suppressions").then().statusCode(201)
                .body("source", equalTo("api"));
    }

    @Test
    void removeLiftsTheSuppression() {
        Api.TestTenant a = Api.newTenant();
        a.request().body(Map.of("email", "ana@example.com", "reason", "hard_bounce")).post("/v1/suppressions").then().statusCode(201);

        a.request().delete("/v1/suppressions/ANA@example.com").then().statusCode(204);

        assertThat(suppressions.isSuppressed(a.id(), "ana@example.com")).isFalse();
        a.request().delete("/v1/suppressions/ana@example.com").then().statusCode(404);
        a.request().get("/v1/suppressions/ana@example.com").then().statusCode(404);
    }

    @Test
    void theListIsCursorPagedAndEveryEntryComesOnce() {
        Api.TestTenant a = Api.newTenant();
        for (int i = 0; i < 7; i++) {
            a.request().body(Map.of("email", "p" + i + "@example.com", "reason", "manual")).post("/v1/suppressions").then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            var request = a.request().queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/suppressions").then().statusCode(200).extract();
            List<String> emails = page.path("items.email");
            sizes.add(emails.size());
            seen.addAll(emails);
            cursor = page.path("next");
        } while (cursor != null && sizes.size() < 10);

        assertThat(seen).hasSize(7).doesNotHaveDuplicates().allMatch(email -> email.matches("p[0-6]@example.com"));
        assertThat(sizes.subList(0, 2)).containsExactly(3, 3);
        a.request().queryParam("cursor", "forged").get("/v1/suppressions").then().statusCode(400).contentType("application/problem+json");
        a.request().queryParam("limit", 0).get("/v1/suppressions").then().statusCode(400);
        a.request().queryParam("limit", 101).get("/v1/suppressions").then().statusCode(400);
    }

    @Test
    void badInputIsA400AndStoresNothing() {
        Api.TestTenant a = Api.newTenant();
        expect400(a, "{\"email\":\"not-an-address\",\"reason\":\"manual\"}", "is not a valid email address");
        expect400(a, "{\"reason\":\"manual\"}", "email: required");
        expect400(a, "{\"email\":\"x@example.com\"}", "reason: required");
        expect400(a, "{\"email\":\"x@example.com\",\"reason\":\"bored\"}", "reason");
        expect400(a, "{\"email\":\"x@example.com\",\"reason\":\"manual\",\"source\":\"" + "s".repeat(201) + "\"}", "source");
        expect400(a, "{\"email\":\"x@example.com\",\"reason\":\"manual\",\"extra\":1}", "unknown field 'extra'");
        a.request().get("/v1/suppressions").then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
    }

    @Test
    void aSuppressionOutlivesTheErasureOfThePersonButForgetsTheirAddress() {
        Api.TestTenant a = Api.newTenant();
        a.request().body(Map.of("id", "c-1", "email", "gone@example.com")).post("/v1/contacts").then().statusCode(201);
        a.request().body(Map.of("email", "gone@example.com", "reason", "unsubscribe")).post("/v1/suppressions").then().statusCode(201);
        String hash = Suppressions.sha256("gone@example.com");

        a.request().delete("/v1/contacts/c-1").then().statusCode(204);

        assertThat(suppressions.isSuppressed(a.id(), "gone@example.com")).isTrue();
        a.request().get("/v1/suppressions").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].email", nullValue()).body("items[0].addressSha256", equalTo(hash))
                .body("items[0].reason", equalTo("unsubscribe"));
        assertThat(a.request().get("/v1/suppressions").asString()).doesNotContain("gone@");
        a.request().get("/v1/suppressions/GONE@example.com").then().statusCode(200).body("addressSha256", equalTo(hash));

        a.request().body(Map.of("id", "c-2", "email", "gone@example.com")).post("/v1/contacts").then().statusCode(201);
        assertThat(suppressions.isSuppressed(a.id(), "gone@example.com")).as("re-imported, still suppressed").isTrue();
        a.request().delete("/v1/suppressions/" + hash).then().statusCode(204);
        assertThat(suppressions.isSuppressed(a.id(), "gone@example.com")).isFalse();
    }

    @Test
    void tenantBCannotSeeOrChangeTenantAsSuppressions() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        a.request().body(Map.of("email", "shared@example.com", "reason", "manual")).post("/v1/suppressions").then().statusCode(201);

        b.request().get("/v1/suppressions").then().statusCode(200).body("items", hasSize(0));
        b.request().get("/v1/suppressions/shared@example.com").then().statusCode(404);
        b.request().delete("/v1/suppressions/shared@example.com").then().statusCode(404);
        assertThat(suppressions.isSuppressed(b.id(), "shared@example.com")).isFalse();

        a.request().get("/v1/suppressions/shared@example.com").then().statusCode(200);
        assertThat(suppressions.isSuppressed(a.id(), "shared@example.com")).isTrue();
    }

    @Test
    void aForeignCursorIsRefused() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        for (int i = 0; i < 2; i++) {
            a.request().body(Map.of("email", "q" + i + "@example.com", "reason", "manual")).post("/v1/suppressions").then().statusCode(201);
        }
        String next = a.request().queryParam("limit", 1).get("/v1/suppressions").then().statusCode(200).extract().path("next");
        assertThat(next).isNotNull();

        b.request().queryParam("cursor", next).get("/v1/suppressions").then().statusCode(400)
                .body("detail", containsString("cursor"));
    }

    private static void expect400(Api.TestTenant tenant, String body, String detail) {
        tenant.request().body(body).post("/v1/suppressions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(detail));
    }
}
