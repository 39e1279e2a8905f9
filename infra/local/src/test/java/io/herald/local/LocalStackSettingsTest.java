package io.herald.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void theQueuesAndTheTickHaveLocalDefaultsThatTheEnvironmentCanChange() {
        LocalStack.Settings defaults = LocalStack.Settings.from(Map.of());
        assertThat(defaults.queues().visibility()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.queues().maxReceiveCount()).isEqualTo(5);
        assertThat(defaults.queues().tick()).isEqualTo(Duration.ofMinutes(1));
        assertThat(defaults.queues().invocationTimeout()).as("a batch ends before its messages reappear").isLessThan(defaults.queues().visibility());
        assertThat(defaults.ports()).isEqualTo(new LocalStack.Settings.Ports(9324, 1025, 1080));

        LocalStack.Settings changed = LocalStack.Settings.from(Map.of("HERALD_QUEUE_VISIBILITY_SECONDS", "30",
                "HERALD_QUEUE_MAX_RECEIVES", "3", "HERALD_TICK_SECONDS", "10", "HERALD_SQS_PORT", "9400"));
        assertThat(changed.queues()).isEqualTo(new LocalStack.Settings.Queues(Duration.ofSeconds(30), 3, Duration.ofSeconds(10)));
        assertThat(LocalStack.queueSpecs(changed.queues())).extracting(WorkQueues.Spec::name, WorkQueues.Spec::maxReceiveCount)
                .containsExactly(tuple(WorkQueues.SEND, 3), tuple(WorkQueues.GENERATE, 3), tuple(WorkQueues.TRACK, 3),
                        tuple(WorkQueues.SES_EVENTS, 3), tuple(WorkQueues.WEBHOOKS, 3));
        assertThat(changed.ports().sqs()).isEqualTo(9400);
    }

    @Test
    void queueSettingsOutOfRangeAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalStack.Settings.from(Map.of("HERALD_QUEUE_VISIBILITY_SECONDS", "5")))
                .hasMessageContaining("HERALD_QUEUE_VISIBILITY_SECONDS must be a whole number from 20");
        assertThatThrownBy(() -> LocalStack.Settings.from(Map.of("HERALD_QUEUE_MAX_RECEIVES", "0")))
                .hasMessageContaining("HERALD_QUEUE_MAX_RECEIVES");
        assertThatThrownBy(() -> LocalStack.Settings.from(Map.of("HERALD_TICK_SECONDS", "soon")))
                .hasMessageContaining("HERALD_TICK_SECONDS");
    }

    @Test
    void theKeysTheApiAndTheWorkerShareAreRandomPerRunUnlessGiven() {
        LocalStack.Settings one = LocalStack.Settings.from(Map.of());
        LocalStack.Settings two = LocalStack.Settings.from(Map.of());

        assertThat(Base64.getDecoder().decode(one.keys().secretsKey())).hasSize(32);
        assertThat(Base64.getDecoder().decode(one.keys().unsubscribeSigningKey())).hasSize(32);
        assertThat(one.keys().secretsKey()).isNotEqualTo(two.keys().secretsKey()).isNotEqualTo(one.keys().unsubscribeSigningKey());
        assertThat(LocalStack.Settings.from(Map.of("HERALD_SECRETS_KEY", "given")).keys().secretsKey()).isEqualTo("given");
    }
}
