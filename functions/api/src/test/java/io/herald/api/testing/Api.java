package io.herald.api.testing;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Shortcuts for tests: a fresh tenant per test keeps tests independent on one shared table. */
public final class Api {

    private Api() {
    }

    /** Creates a tenant with a unique id and answers its API key. */
    public static String newTenantKey() {
        return newTenant().apiKey();
    }

    public static TestTenant newTenant() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        String key = admin().body(Map.of("id", id, "name", "Test " + id))
                .post("/v1/admin/tenants")
                .then().statusCode(201)
                .extract().path("apiKey");
        return new TestTenant(id, key);
    }

    public static RequestSpecification admin() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + HeraldTestResources.ADMIN_KEY);
    }

    public static RequestSpecification as(String apiKey) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + apiKey);
    }

    /** A tenant created for one test. */
    public record TestTenant(String id, String apiKey) {
        public RequestSpecification request() {
            return as(apiKey);
        }
    }
}
