package io.herald.api.tenant;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** The tracking switches in /v1/settings: on by default, off one by one, and old clients that never send them keep tracking. */
@QuarkusTest
@HeraldStack
class TrackingSettingsTest {

    @Test
    void bothAreOnByDefaultAndSettingsWithoutTrackingKeepThemOn() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().get("/v1/settings").then().statusCode(200).body("tracking.opens", equalTo(true)).body("tracking.clicks", equalTo(true));
        tenant.request().body(Map.of("brandName", "Acme")).put("/v1/settings").then().statusCode(200)
                .body("tracking.opens", equalTo(true)).body("tracking.clicks", equalTo(true));
    }

    @Test
    void eachCanBeTurnedOffAndALeftOutOneStaysOn() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"brandName\":\"Acme\",\"tracking\":{\"opens\":false}}").put("/v1/settings").then().statusCode(200);
        tenant.request().get("/v1/settings").then().body("tracking.opens", equalTo(false)).body("tracking.clicks", equalTo(true))
                .body("brandName", equalTo("Acme"));
        tenant.request().body("{\"tracking\":{\"opens\":true,\"clicks\":false}}").put("/v1/settings").then().statusCode(200)
                .body("tracking.opens", equalTo(true)).body("tracking.clicks", equalTo(false));
    }

    @Test
    void anUnknownOrMistypedSwitchIsA400() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body("{\"tracking\":{\"pixel\":false}}").put("/v1/settings").then().statusCode(400);
        tenant.request().body("{\"tracking\":false}").put("/v1/settings").then().statusCode(400);
        tenant.request().get("/v1/settings").then().body("tracking.opens", equalTo(true));
    }

    @Test
    void theDocumentDescribesTheTrackingEndpointsAndConversions() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/t/c/{token}"))
                .body("paths", hasKey("/t/o/{token}"))
                .body("paths.'/t/c/{token}'.get.responses", hasKey("302"))
                .body("paths.'/v1/conversions'.post.responses", hasKey("202"))
                .body("paths.'/v1/conversions'.post.requestBody.content.'application/json'.examples", hasKey("purchaseAfterClick"))
                .body("components.schemas.TrackingSettings", notNullValue())
                .body("components.schemas.ConversionInput", notNullValue());
    }
}
