package io.herald.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackSettingsTest {

    private static final String GOOD_KEY = "hk_demo_" + "A".repeat(43);

    @Test
    void defaultsNeedNoEnvironment() {
        LocalStack.Settings settings = LocalStack.Settings.from(Map.of());

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.dynamoDbPort()).isEqualTo(8000);
        assertThat(settings.table()).isEqualTo("herald");
        assertThat(settings.adminKeyGenerated()).isTrue();
        assertThat(settings.adminKey()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(settings.fixedApiKey()).isEmpty();
        assertThat(settings.modelConfigured()).isFalse();
    }

    @Test
    void aFixedApiKeyMustBeADemoKey() {
        assertThat(LocalStack.Settings.from(Map.of("HERALD_LOCAL_API_KEY", GOOD_KEY)).fixedApiKey()).contains(GOOD_KEY);

        for (String bad : new String[] {"hk_demo_short", "hk_other_" + "A".repeat(43), "demo_" + "A".repeat(43), GOOD_KEY + "!"}) {
            assertThatThrownBy(() -> LocalStack.Settings.from(Map.of("HERALD_LOCAL_API_KEY", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("HERALD_LOCAL_API_KEY must look like hk_demo_");
        }
    }

    @Test
    void portsAreChecked() {
        assertThat(LocalStack.Settings.from(Map.of("HERALD_PORT", "9090", "HERALD_DYNAMODB_PORT", "9000")))
                .satisfies(settings -> {
                    assertThat(settings.port()).isEqualTo(9090);
                    assertThat(settings.dynamoDbPort()).isEqualTo(9000);
                });
        assertThatThrownBy(() -> LocalStack.Settings.from(Map.of("HERALD_PORT", "http")))
                .hasMessageContaining("HERALD_PORT must be a TCP port");
        assertThatThrownBy(() -> LocalStack.Settings.from(Map.of("HERALD_DYNAMODB_PORT", "70000")))
                .hasMessageContaining("HERALD_DYNAMODB_PORT must be a TCP port");
    }

    @Test
    void anOpenAiKeyReachesTheFunctionAsLangChain4jsKey() {
        LocalStack.Settings settings = LocalStack.Settings.from(Map.of("OPENAI_API_KEY", "sk-local", "PATH", "/usr/bin"));

        assertThat(settings.modelConfigured()).isTrue();
        assertThat(settings.modelEnv()).containsEntry("QUARKUS_LANGCHAIN4J_OPENAI_API_KEY", "sk-local").doesNotContainKey("PATH");
    }

    @Test
    void anyOpenAiCompatibleServerCountsAsAModel() {
        LocalStack.Settings settings = LocalStack.Settings.from(Map.of(
                "QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL", "http://localhost:11434/v1",
                "QUARKUS_LANGCHAIN4J_OPENAI_API_KEY", "ollama"));

        assertThat(settings.modelConfigured()).isTrue();
        assertThat(settings.modelEnv()).containsEntry("QUARKUS_LANGCHAIN4J_OPENAI_BASE_URL", "http://localhost:11434/v1")
                .containsEntry("QUARKUS_LANGCHAIN4J_OPENAI_API_KEY", "ollama");
    }
}
