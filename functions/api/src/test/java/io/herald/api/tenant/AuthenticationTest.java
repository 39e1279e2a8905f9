package io.herald.api.tenant;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.hasKey;

@QuarkusTest
@HeraldStack
class AuthenticationTest {

    @Test
    void refusesRequestsWithoutAValidKey() {
        given().get("/v1/contacts/x").then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:herald:problem:unauthorized"));
        Api.as("hk_nobody_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/v1/contacts/x").then().statusCode(401);
        Api.as("not-even-a-key").get("/v1/contacts/x").then().statusCode(401);
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/contacts/x").then().statusCode(401);
    }

    @Test
    void aTenantKeyCannotUseTheAdminApi() {
        String key = Api.newTenantKey();
        Api.as(key).body(Map.of("name", "Mallory")).post("/v1/admin/tenants").then().statusCode(401);
        Api.as("wrong-admin-key").body(Map.of("name", "Mallory")).post("/v1/admin/tenants").then().statusCode(401);
    }

    @Test
    void createsTenantsWithKeysShownOnceAndStoredHashed() {
        Api.admin().body(Map.of("name", "Acme Tea")).post("/v1/admin/tenants").then().statusCode(201)
                .body("tenant.id", matchesPattern("t-[a-z0-9]{12}"))
                .body("apiKey", matchesPattern("hk_t-[a-z0-9]{12}_[A-Za-z0-9_-]{43}"));
        Api.TestTenant tenant = Api.newTenant();
        Api.admin().get("/v1/admin/tenants/" + tenant.id() + "/keys").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0]", not(hasKey("apiKey")))
                .body("items[0]", not(hasKey("sha256")))
                .body("items[0].active", equalTo(true))
                .body("next", nullValue());
        Api.admin().body(Map.of("id", tenant.id(), "name", "Again")).post("/v1/admin/tenants").then().statusCode(409)
                .contentType("application/problem+json");
        Api.admin().body(Map.of("name", "Wide open", "settings", Map.of("linkDomains", List.of("com")))).post("/v1/admin/tenants")
                .then().statusCode(400).body("detail", equalTo("linkDomains: 'com' is not a host name such as shop.example.com"));
        Api.admin().get("/v1/admin/tenants/Not_Valid").then().statusCode(400);
        Api.admin().body(Map.of("id", "Not_Valid", "name", "x")).post("/v1/admin/tenants").then().statusCode(400)
                .body("detail", equalTo("tenant id must be 3 to 40 lower-case letters, digits or dashes, starting and ending with a letter or digit"));
    }

    @Test
    void rotatesAndRevokesKeys() {
        Api.TestTenant tenant = Api.newTenant();
        String firstKeyId = Api.admin().get("/v1/admin/tenants/" + tenant.id() + "/keys").then().extract().path("items[0].id");
        String second = Api.admin().contentType(ContentType.JSON).post("/v1/admin/tenants/" + tenant.id() + "/keys")
                .then().statusCode(201).body("apiKey", notNullValue()).extract().path("apiKey");

        Api.admin().delete("/v1/admin/tenants/" + tenant.id() + "/keys/" + firstKeyId).then().statusCode(200)
                .body("active", equalTo(false)).body("revokedAt", notNullValue());

        tenant.request().get("/v1/settings").then().statusCode(401);
        Api.as(second).get("/v1/settings").then().statusCode(200).body("brandName", equalTo("Test " + tenant.id()));
        Api.admin().delete("/v1/admin/tenants/" + tenant.id() + "/keys/nope").then().statusCode(404);
    }

    @Test
    void importsAFixedKeyOnlyInHeraldsFormatForThatTenant() {
        Api.TestTenant tenant = Api.newTenant();
        String fixed = "hk_" + tenant.id() + "_fixedfixedfixedfixedfixedfixedfixed42";
        Api.admin().body(Map.of("apiKey", fixed)).post("/v1/admin/tenants/" + tenant.id() + "/keys").then().statusCode(201)
                .body("apiKey", equalTo(fixed));
        Api.as(fixed).get("/v1/settings").then().statusCode(200);
        Api.admin().body(Map.of("apiKey", "hk_other-tenant_fixedfixedfixedfixedfixedfixedfixed42"))
                .post("/v1/admin/tenants/" + tenant.id() + "/keys").then().statusCode(400);
        Api.admin().body(Map.of("apiKey", "short")).post("/v1/admin/tenants/" + tenant.id() + "/keys").then().statusCode(400);
    }

    @Test
    void settingsAreValidatedBeforeTheyWidenWhatTheModelSees() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("""
                {"modelFields":["locale","attributes.firstName"],"linkDomains":["shop.example.com"],"bannedPhrases":["guaranteed"],"brandName":"Acme"}""")
                .put("/v1/settings").then().statusCode(200).body("linkDomains[0]", equalTo("shop.example.com"));
        tenant.request().body("{\"modelFields\":[\"password\"]}").put("/v1/settings").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.startsWith("modelFields: 'password' is not a contact field"));
        tenant.request().body("{\"linkDomains\":[\"http://evil.example/x\"]}").put("/v1/settings").then().statusCode(400);
        tenant.request().body("{\"linkDomains\":[null]}").put("/v1/settings").then().statusCode(400)
                .body("detail", equalTo("linkDomains: entries must be strings, not null"));
        tenant.request().body(Map.of("bannedPhrases", java.util.Collections.nCopies(201, "spam"))).put("/v1/settings").then().statusCode(400)
                .body("detail", equalTo("bannedPhrases: 201 entries, more than the limit of 200"));
        tenant.request().get("/v1/settings").then().statusCode(200).body("modelFields", hasSize(2)).body("brandName", equalTo("Acme"));
    }

    @Test
    void openApiDocumentIsPublic() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/v1/contacts"))
                .body("components.schemas.Problem", notNullValue())
                .body("info.title", equalTo("Herald API"))
                .body("paths.'/v1/contacts'.post.security", nullValue());
    }
}
