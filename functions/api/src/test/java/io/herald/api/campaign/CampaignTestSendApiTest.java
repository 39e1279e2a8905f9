package io.herald.api.campaign;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code POST /v1/campaigns/{id}/test}: bad requests are refused before anything is queued. (The queued path, through
 * the worker into MailDev, is tested in functions/worker: SendFunctionTest.)
 */
@QuarkusTest
@HeraldStack
class CampaignTestSendApiTest {

    private static Api.TestTenant tenantWithCampaign(StringBuilder campaignId) {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"id\":\"lapsed\",\"name\":\"Lapsed\",\"rule\":{\"consent\":\"email\"}}").post("/v1/segments")
                .then().statusCode(201);
        tenant.request().body(Map.of("region", "eu-west-1")).put("/v1/providers/ses").then().statusCode(200);
        tenant.request().body(Map.of("senderDomains", List.of("acme.example"), "postalAddress", "1 Market Street, Springfield"))
                .put("/v1/settings").then().statusCode(200);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Spring");
        body.put("channel", "email");
        body.put("brief", Map.of("goal", "Bring lapsed customers back", "product", "the Spring collection", "ctaUrl", "https://shop.acme.example/spring"));
        body.put("variants", List.of(Map.of("id", "A"), Map.of("id", "B")));
        body.put("segment", Map.of("id", "lapsed"));
        body.put("sender", Map.of("from", "Acme <news@mail.acme.example>"));
        body.put("provider", "ses");
        campaignId.append((String) tenant.request().body(body).post("/v1/campaigns").then().statusCode(201).extract().path("id"));
        return tenant;
    }

    @Test
    void badAddressesAreA400NamingTheEntry() {
        StringBuilder id = new StringBuilder();
        Api.TestTenant tenant = tenantWithCampaign(id);
        String path = "/v1/campaigns/" + id + "/test";

        tenant.request().body(Map.of("to", List.of())).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("1 to 10 addresses"));
        tenant.request().body(Map.of("to", List.of("ok@acme.example", "not-an-address"))).post(path).then().statusCode(400)
                .body("detail", containsString("to[1]: not an email address"));
        tenant.request().body(Map.of("to", Collections.nCopies(11, "ok@acme.example"))).post(path).then().statusCode(400)
                .body("detail", containsString("1 to 10 addresses"));
        tenant.request().body("{}").post(path).then().statusCode(400);
    }

    @Test
    void anotherTenantsCampaignIsA404AndNoKeyIsA401() {
        StringBuilder id = new StringBuilder();
        tenantWithCampaign(id);
        Api.TestTenant other = Api.newTenant();

        other.request().body(Map.of("to", List.of("ok@acme.example"))).post("/v1/campaigns/" + id + "/test").then().statusCode(404)
                .body("status", equalTo(404));
        given().contentType(ContentType.JSON).body(Map.of("to", List.of("ok@acme.example"))).post("/v1/campaigns/" + id + "/test")
                .then().statusCode(401);
    }
}
