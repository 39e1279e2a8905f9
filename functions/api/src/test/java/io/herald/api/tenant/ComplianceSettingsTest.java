package io.herald.api.tenant;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Sender domains and the postal address over /v1/settings, checked before they are stored. */
@QuarkusTest
@HeraldStack
class ComplianceSettingsTest {

    @Test
    void senderDomainsAndThePostalAddressAreStoredAndAnsweredBack() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().get("/v1/settings").then().statusCode(200).body("senderDomains", hasSize(0)).body("postalAddress", nullValue());

        tenant.request().body(Map.of("brandName", "Acme", "senderDomains", List.of("news.acme.example"), "postalAddress", "Acme Inc.\n1 Main St\nSpringfield"))
                .put("/v1/settings").then().statusCode(200);

        tenant.request().get("/v1/settings").then().statusCode(200)
                .body("senderDomains[0]", equalTo("news.acme.example"))
                .body("postalAddress", equalTo("Acme Inc.\n1 Main St\nSpringfield"));
    }

    @Test
    void invalidValuesAre400sNamingTheFieldAndChangeNothing() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("senderDomains", List.of("acme.example"), "postalAddress", "1 Main St")).put("/v1/settings").then().statusCode(200);

        tenant.request().body(Map.of("senderDomains", List.of("news@acme.example"))).put("/v1/settings").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("senderDomains: 'news@acme.example' is not a domain"));
        tenant.request().body(Map.of("postalAddress", "x".repeat(501))).put("/v1/settings").then().statusCode(400)
                .body("detail", containsString("postalAddress"));
        tenant.request().body("{\"postalAddress\":\"1 Main St\\u0007\"}").put("/v1/settings").then().statusCode(400)
                .body("detail", containsString("postalAddress"));
        tenant.request().body("{\"senderDomains\":\"acme.example\"}").put("/v1/settings").then().statusCode(400);

        tenant.request().get("/v1/settings").then().body("senderDomains[0]", equalTo("acme.example")).body("postalAddress", equalTo("1 Main St"));
    }

    @Test
    void aTenantIsCreatedWithItsSenderDomainsOrRefusedWithoutBeingCreated() {
        Api.admin().body(Map.of("id", "t-sender-ok-" + System.nanoTime() % 100000, "name", "Ok",
                        "settings", Map.of("senderDomains", List.of("ok.example"), "postalAddress", "2 Side St")))
                .post("/v1/admin/tenants").then().statusCode(201);
        String refused = "t-sender-bad-" + System.nanoTime() % 100000;
        Api.admin().body(Map.of("id", refused, "name", "Bad", "settings", Map.of("senderDomains", List.of("not a domain"))))
                .post("/v1/admin/tenants").then().statusCode(400).body("detail", containsString("senderDomains"));
        Api.admin().get("/v1/admin/tenants/" + refused).then().statusCode(404);
    }
}
