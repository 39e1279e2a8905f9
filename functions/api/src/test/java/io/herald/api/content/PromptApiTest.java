package io.herald.api.content;

import io.herald.api.testing.Api;
import io.herald.api.testing.HeraldStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@HeraldStack
@QuarkusTestResource(value = GenerationTestConfig.class, restrictToAnnotatedClass = false)
class PromptApiTest {

    private static Map<String, Object> prompt(String name, String user) {
        return Map.of("name", name, "system", "You are the copywriter of {{brand}}.", "user", user,
                "profileFields", List.of("locale", "attributes.firstName"), "description", "test");
    }

    @Test
    void eachCreateIsANewImmutableVersion() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(prompt("winback", "Write {{variants}} email(s) for {{product}}.")).post("/v1/prompts")
                .then().statusCode(201).header("Location", containsString("/v1/prompts/winback/versions/1"))
                .body("version", equalTo(1)).body("hash.length()", equalTo(64));
        tenant.request().body(prompt("winback", "Write {{variants}} short email(s) for {{product}}.")).post("/v1/prompts")
                .then().statusCode(201).body("version", equalTo(2));
        tenant.request().get("/v1/prompts/winback").then().statusCode(200)
                .body("latest", equalTo(2)).body("versions", hasSize(2)).body("versions[0].user", containsString("Write {{variants}} email"));
        String next = tenant.request().queryParam("limit", 1).get("/v1/prompts/winback").then().statusCode(200)
                .body("latest", equalTo(2)).body("versions", hasSize(1)).body("versions[0].version", equalTo(1))
                .extract().path("next");
        tenant.request().queryParam("limit", 1).queryParam("cursor", next).get("/v1/prompts/winback").then().statusCode(200)
                .body("versions", hasSize(1)).body("versions[0].version", equalTo(2));
        tenant.request().queryParam("limit", 0).get("/v1/prompts/winback").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("limit"));
        tenant.request().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/v1/prompts/winback").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("cursor"));
        tenant.request().get("/v1/prompts/winback/versions/1").then().statusCode(200).body("user", containsString("email(s) for"));
        tenant.request().get("/v1/prompts/winback/versions/latest").then().statusCode(200).body("version", equalTo(2));
        tenant.request().get("/v1/prompts/winback/versions/3").then().statusCode(404).contentType("application/problem+json");
        tenant.request().get("/v1/prompts/winback/versions/two").then().statusCode(400).contentType("application/problem+json");
        Api.newTenant().request().get("/v1/prompts/winback").then().statusCode(404);
    }

    @Test
    void concurrentCreatorsGetDistinctVersions() throws Exception {
        Api.TestTenant tenant = Api.newTenant();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<CompletableFuture<Integer>> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String user = "Variant " + i + " for {{product}}.";
                created.add(CompletableFuture.supplyAsync(() -> tenant.request().body(prompt("race", user)).post("/v1/prompts")
                        .then().statusCode(201).extract().jsonPath().getInt("version"), pool));
            }
            List<Integer> versions = new ArrayList<>();
            for (CompletableFuture<Integer> future : created) {
                versions.add(future.get());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badPromptsAreRefusedPrecisely() {
        Api.TestTenant tenant = Api.newTenant();
        tenant.request().body(prompt("Bad Name", "x")).post("/v1/prompts").then().statusCode(400).body("detail", containsString("name:"));
        tenant.request().body(prompt("ok", "Hi {{firstName}}")).post("/v1/prompts").then().statusCode(400)
                .body("detail", containsString("unknown placeholder(s) [{{firstName}}]"));
        tenant.request().body(prompt("builtin.email", "x")).post("/v1/prompts").then().statusCode(400).body("detail", containsString("reserved"));
        tenant.request().body(Map.of("name", "ok", "system", "s", "user", "u", "profileFields", List.of("password")))
                .post("/v1/prompts").then().statusCode(400).body("detail", containsString("profileFields: 'password'"));
        tenant.request().body(Map.of("name", "ok", "system", "s", "user", "u", "colour", "red"))
                .post("/v1/prompts").then().statusCode(400).body("detail", containsString("colour"));
        tenant.request().body(Map.of("name", "ok", "system", "s".repeat(20_001), "user", "u"))
                .post("/v1/prompts").then().statusCode(400).body("detail", containsString("system: 20001 characters"));
    }

    @Test
    void aGenerationRecordsTheNamedPromptVersionAndItsHash() {
        OpenAiStubs.server().resetAll();
        Api.TestTenant tenant = ContentTestSupport.tenant();
        String hash = tenant.request().body(prompt("spring", "Write {{variants}} email(s) about {{product}} linking {{ctaUrl}}."))
                .post("/v1/prompts").then().statusCode(201).extract().jsonPath().getString("hash");
        OpenAiStubs.answer("prompt", OpenAiStubs.variants(OpenAiStubs.email("Spring", ContentTestSupport.GOOD_HTML)));
        Map<String, Object> body = new java.util.HashMap<>(ContentTestSupport.inlineEmailRequest());
        body.put("prompt", Map.of("name", "spring", "version", 1));
        ContentTestSupport.generate(tenant, body).statusCode(201)
                .body("prompt.name", equalTo("spring")).body("prompt.version", equalTo(1)).body("prompt.hash", equalTo(hash));
        assertThat(OpenAiStubs.requests().get(0).getBodyAsString()).contains("You are the copywriter of Acme.",
                "Write 1 email(s) about the Spring Collection linking https://shop.example.com/spring.");
        body.put("prompt", Map.of("name", "nope"));
        ContentTestSupport.generate(tenant, body).statusCode(404).contentType("application/problem+json");
    }
    @Test
    void aRetriedCreateReturnsTheLatestVersionInsteadOfAddingOne() {
        Api.TestTenant tenant = Api.newTenant();
        Map<String, Object> draft = prompt("retry", "Write {{variants}} email(s) for {{product}}.");
        tenant.request().body(draft).post("/v1/prompts").then().statusCode(201).body("version", equalTo(1));
        tenant.request().body(draft).post("/v1/prompts").then().statusCode(200).body("version", equalTo(1))
                .header("Location", containsString("/v1/prompts/retry/versions/1"));
        tenant.request().get("/v1/prompts/retry").then().statusCode(200).body("latest", equalTo(1)).body("versions", hasSize(1));
        tenant.request().body(prompt("retry", "Write {{variants}} short email(s) for {{product}}.")).post("/v1/prompts")
                .then().statusCode(201).body("version", equalTo(2));
        // going back to the first text is a change of the latest version, hence a new one
        tenant.request().body(draft).post("/v1/prompts").then().statusCode(201).body("version", equalTo(3));
    }
}
