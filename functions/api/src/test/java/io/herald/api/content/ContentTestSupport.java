package io.herald.api.content;

import io.herald.api.testing.Api;
import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Map;

/** A tenant with content settings, and generation requests against it. */
final class ContentTestSupport {

    static final String CTA = "https://shop.example.com/spring";
    static final String GOOD_HTML = "<p>Hi Ana,</p><p>Our spring range just landed.</p><p><a href=\"" + CTA + "\">Shop the collection</a></p>";

    private ContentTestSupport() {
    }

    static Api.TestTenant tenant(List<String> modelFields, List<String> linkDomains, List<String> bannedPhrases) {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(Map.of("modelFields", modelFields, "linkDomains", linkDomains, "bannedPhrases", bannedPhrases,
                "brandName", "Acme")).put("/v1/settings").then().statusCode(200);
        return tenant;
    }

    static Api.TestTenant tenant() {
        return tenant(List.of("locale", "attributes.firstName"), List.of("example.com"), List.of("act now"));
    }

    static Map<String, Object> emailBrief(String language) {
        return Map.of("goal", "Bring back customers who have not ordered for 90 days", "product", "the Spring Collection",
                "ctaUrl", CTA, "tone", "warm", "language", language);
    }

    static Map<String, Object> inlineEmailRequest() {
        return Map.of("profile", Map.of("locale", "en-GB", "attributes", Map.of("firstName", "Ana")),
                "channel", "email", "brief", emailBrief("en"));
    }

    static ValidatableResponse generate(Api.TestTenant tenant, Object body) {
        return tenant.request().body(body).post("/v1/content/generate").then();
    }
}
