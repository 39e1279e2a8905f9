package io.herald.api.content;

import io.herald.api.testing.HeraldStack;
import io.herald.core.content.generation.ModelAvailability;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as a user first runs it: no OPENAI_API_KEY and OpenAI's own URL. It starts, and content
 * comes from the template composer with the reason. A profile of its own costs one more boot, run last.
 */
@QuarkusTest
@HeraldStack
@QuarkusTestResource(value = GenerationTestConfig.class, restrictToAnnotatedClass = false)
@TestProfile(NoModelConfiguredTest.NoModel.class)
class NoModelConfiguredTest {

    /** What core configures when OPENAI_API_KEY is unset, and OpenAI's own URL. */
    public static class NoModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.langchain4j.openai.api-key", ModelAvailability.NO_KEY,
                    "quarkus.langchain4j.openai.base-url", "https://api.openai.com/v1/");
        }
    }

    @Test
    void startsAndGeneratesFromTemplatesSayingWhy() {
        OpenAiStubs.server().resetAll();
        JsonPath content = ContentTestSupport.generate(ContentTestSupport.tenant(), ContentTestSupport.inlineEmailRequest())
                .statusCode(201).extract().jsonPath();
        assertThat(content.getString("source")).isEqualTo("template");
        assertThat(content.getString("fallbackReason")).startsWith("no model configured: set OPENAI_API_KEY");
        assertThat(content.getString("model")).isNull();
        assertThat(content.getString("variants[0].subject")).isEqualTo("Ana, the Spring Collection is here for you");
        assertThat(content.getList("variants[0].checks.passed")).containsOnly(true);
        assertThat(OpenAiStubs.requests()).isEmpty();
    }
}
