package io.herald.api.content;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.herald.api.content.ContentTestSupport.generate;
import static io.herald.api.content.ContentTestSupport.inlineEmailRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Input rules, storage, erasure and tenant isolation of generated content. */
@QuarkusTest
@HeraldStack
@QuarkusTestResource(value = GenerationTestConfig.class, restrictToAnnotatedClass = false)
class ContentApiTest {

    private Api.TestTenant tenant;

    @BeforeEach
    void setUp() {
        OpenAiStubs.server().resetAll();
        OpenAiStubs.answer("ok", OpenAiStubs.variants(OpenAiStubs.email("Spring", ContentTestSupport.GOOD_HTML)));
        tenant = ContentTestSupport.tenant();
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> body = new HashMap<>(inlineEmailRequest());
        if (value == null) {
            body.remove(key);
        } else {
            body.put(key, value);
        }
        return body;
    }

    @Test
    void badRequestsGetPreciseProblems() {
        generate(tenant, with("variants", 6)).statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("variants: 6 is outside 1 to 5"));
        generate(tenant, with("variants", 0)).statusCode(400).body("detail", containsString("variants: 0"));
        generate(tenant, with("profile", null)).statusCode(400).body("detail", containsString("exactly one of contactId"));
        generate(tenant, with("contactId", "c-1")).statusCode(400).body("detail", containsString("exactly one of contactId"));
        generate(tenant, with("channel", "fax")).statusCode(400).body("detail", containsString("channel"));
        generate(tenant, with("channel", "social")).statusCode(400).body("detail", containsString("network: required"));
        generate(tenant, with("brief", Map.of("goal", "g", "product", "p", "ctaUrl", "javascript:alert(1)"))).statusCode(400)
                .body("detail", containsString("brief.ctaUrl"));
        generate(tenant, with("brief", Map.of("goal", "g", "product", "p", "ctaUrl", "https://x.example", "language", "not a tag")))
                .statusCode(400).body("detail", containsString("brief.language: 'not a tag'"));
        generate(tenant, with("parameters", Map.of("temperature", 2.5))).statusCode(400).body("detail", containsString("parameters.temperature"));
        generate(tenant, with("parameters", Map.of("maxTokens", 5000))).statusCode(400).body("detail", containsString("parameters.maxTokens"));
        generate(tenant, with("tone", "x")).statusCode(400).body("detail", containsString("tone"));
        generate(tenant, Map.of("contactId", "nobody", "channel", "email", "brief", ContentTestSupport.emailBrief("en")))
                .statusCode(404).body("detail", containsString("nobody"));
        tenant.request().get("/v1/content/unknown-id").then().statusCode(404).contentType("application/problem+json");
        Api.as("hk_nope_" + "x".repeat(40)).body(inlineEmailRequest()).post("/v1/content/generate").then().statusCode(401);
        assertThat(OpenAiStubs.requests()).isEmpty();
    }

    @Test
    void everyChannelGenerates() {
        OpenAiStubs.server().resetAll();
        OpenAiStubs.answer("sms", OpenAiStubs.variants("{\"text\":\"Acme: spring is here " + ContentTestSupport.CTA + "\"}"));
        JsonPath sms = generate(tenant, with("channel", "sms")).statusCode(201).extract().jsonPath();
        assertThat(sms.getString("variants[0].sms.encoding")).isEqualTo("GSM-7");
        OpenAiStubs.server().resetAll();
        OpenAiStubs.answer("social", OpenAiStubs.variants("{\"text\":\"Spring is here.\",\"hashtags\":[\"#spring\",\"style\"]}"));
        Map<String, Object> social = with("channel", "social");
        social.put("network", "x");
        JsonPath post = generate(tenant, social).statusCode(201).extract().jsonPath();
        assertThat(post.getList("variants[0].hashtags")).containsExactly("spring", "style");
        assertThat(post.getInt("variants[0].length")).isEqualTo(15 + 8 + 7);
        OpenAiStubs.server().resetAll();
        OpenAiStubs.answer("web", OpenAiStubs.variants("{\"headline\":\"Spring\",\"body\":\"New in.\",\"cta\":\"Shop now\"}"));
        JsonPath web = generate(tenant, with("channel", "web")).statusCode(201).extract().jsonPath();
        assertThat(web.getString("variants[0].cta")).isEqualTo("Shop now");
        assertThat(web.getString("variants[0].ctaUrl")).isEqualTo(ContentTestSupport.CTA);
        for (JsonPath content : List.of(sms, post, web)) {
            assertThat(content.getString("source")).isEqualTo("llm");
            assertThat(content.getList("variants[0].checks.passed")).containsOnly(true);
        }
    }

    @Test
    void contentForAContactIsErasedWithIt() {
        tenant.request().body(Map.of("id", "c-erase", "email", "erase.me@example.com", "attributes", Map.of("firstName", "Ana")))
                .post("/v1/contacts").then().statusCode(201);
        String id = generate(tenant, Map.of("contactId", "c-erase", "channel", "email", "brief", ContentTestSupport.emailBrief("en")))
                .statusCode(201).header("Location", containsString("/v1/content/")).extract().jsonPath().getString("id");
        tenant.request().get("/v1/content/" + id).then().statusCode(200).body("contactId", equalTo("c-erase"));
        tenant.request().get("/v1/contacts/c-erase/export").then().statusCode(200).body("content[0].id", equalTo(id));
        tenant.request().delete("/v1/contacts/c-erase").then().statusCode(204);
        tenant.request().get("/v1/content/" + id).then().statusCode(404);
    }

    @Test
    void coreShipsTheModelDefaultsAndTheEnvironmentCanOverrideThem() {
        // from core's META-INF/microprofile-config.properties, which also maps OPENAI_API_KEY to the model key
        assertThat(ConfigProvider.getConfig().getValue("quarkus.langchain4j.openai.timeout", String.class)).isEqualTo("60s");
    }

    @Test
    void anotherTenantCannotReadTheContent() {
        String id = generate(tenant, inlineEmailRequest()).statusCode(201).extract().jsonPath().getString("id");
        Api.newTenant().request().get("/v1/content/" + id).then().statusCode(404);
    }
}
