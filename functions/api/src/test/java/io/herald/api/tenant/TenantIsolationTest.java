package io.herald.api.tenant;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Tenant B's key can neither read nor write nor erase tenant A's contacts, events or content. */
@QuarkusTest
@HeraldStack
class TenantIsolationTest {

    @Test
    void tenantBCannotTouchTenantAsData() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        a.request().body("{\"id\":\"shared-id\",\"email\":\"alice@example.com\",\"attributes\":{\"secret\":\"A's\"}}")
                .post("/v1/contacts").then().statusCode(201);
        a.request().body("{\"events\":[{\"id\":\"ev-a\",\"contactId\":\"shared-id\",\"type\":\"purchased\"}]}")
                .post("/v1/events").then().statusCode(200).body("created", equalTo(1));

        b.request().get("/v1/contacts/shared-id").then().statusCode(404);
        b.request().get("/v1/contacts/shared-id/export").then().statusCode(404);
        b.request().queryParam("email", "alice@example.com").get("/v1/contacts").then().statusCode(200).body("$", hasSize(0));
        b.request().delete("/v1/contacts/shared-id").then().statusCode(404);
        b.request().body("{\"events\":[{\"contactId\":\"shared-id\",\"type\":\"purchased\"}]}")
                .post("/v1/events").then().statusCode(200).body("rejected", equalTo(1));

        b.request().body("{\"id\":\"shared-id\",\"attributes\":{\"secret\":\"B's\"}}").post("/v1/contacts").then().statusCode(201);

        a.request().get("/v1/contacts/shared-id").then().statusCode(200).body("attributes.secret", equalTo("A's"));
        a.request().get("/v1/contacts/shared-id/export").then().statusCode(200)
                .body("events", hasSize(1)).body("events[0].id", equalTo("ev-a"));
        b.request().get("/v1/contacts/shared-id/export").then().statusCode(200).body("events", hasSize(0));
    }

    @Test
    void tenantBCannotReadTenantAsContentOrPrompts() {
        Api.TestTenant a = Api.newTenant();
        Api.TestTenant b = Api.newTenant();
        a.request().body("{\"id\":\"c-a\",\"email\":\"alice@example.com\"}").post("/v1/contacts").then().statusCode(201);
        a.request().body("""
                {"name":"welcome","system":"You write for {{brand}}.","user":"Welcome the reader to {{product}}.","profileFields":["locale"]}""")
                .post("/v1/prompts").then().statusCode(201);
        String contentId = a.request().body(GENERATE.formatted("c-a")).post("/v1/content/generate")
                .then().statusCode(201).extract().path("id");

        b.request().get("/v1/content/" + contentId).then().statusCode(404);
        b.request().get("/v1/prompts/welcome").then().statusCode(404);
        b.request().body(GENERATE.formatted("c-a")).post("/v1/content/generate").then().statusCode(404)
                .body("detail", equalTo("contact 'c-a' does not exist"));
        b.request().get("/v1/contacts/c-a/export").then().statusCode(404);
        b.request().delete("/v1/contacts/c-a").then().statusCode(404);

        a.request().get("/v1/content/" + contentId).then().statusCode(200).body("contactId", equalTo("c-a"));
        a.request().get("/v1/contacts/c-a/export").then().statusCode(200).body("content", hasSize(1));
    }

    @Test
    void erasingAContactErasesTheContentGeneratedForIt() {
        Api.TestTenant a = Api.newTenant();
        a.request().body("{\"id\":\"c-gone\",\"email\":\"gone@example.com\"}").post("/v1/contacts").then().statusCode(201);
        String contentId = a.request().body(GENERATE.formatted("c-gone")).post("/v1/content/generate")
                .then().statusCode(201).extract().path("id");
        a.request().get("/v1/content/" + contentId).then().statusCode(200);

        a.request().delete("/v1/contacts/c-gone").then().statusCode(204);

        a.request().get("/v1/content/" + contentId).then().statusCode(404);
    }

    private static final String GENERATE = """
            {"contactId":"%s","channel":"web","brief":{"goal":"welcome","product":"Tea club","ctaUrl":"https://shop.example.com/club"}}""";
}
