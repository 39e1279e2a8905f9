package io.herald.core.content.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.Source;
import io.herald.core.content.guardrails.ContentChecks;
import io.herald.core.content.prompt.PromptMessages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoModelTest {

    private static final String OPENAI = "https://api.openai.com/v1/";

    @Test
    void aModelIsConfiguredByAKeyOrByAnotherServer() {
        assertThat(new ModelAvailability("dummy", OPENAI, "gpt-4o-mini").configured()).isFalse();
        assertThat(new ModelAvailability("", OPENAI, "gpt-4o-mini").configured()).isFalse();
        assertThat(new ModelAvailability(ModelAvailability.NO_KEY, OPENAI, "gpt-4o-mini").configured()).isFalse();
        assertThat(new ModelAvailability("sk-real", OPENAI, "gpt-4o-mini").configured()).isTrue();
        assertThat(new ModelAvailability("dummy", "http://localhost:11434/v1", "llama3").configured()).isTrue();
    }

    @Test
    void withoutAModelTheTemplateComposerWritesAndSaysWhy() {
        GenerationContext ctx = new GenerationContext(Channel.email,
                new Brief("Win back", "Spring Collection", "https://shop.example.com/spring", null, "zh-CN"), 2,
                new PromptMessages("s", "u"), null, 1, new ContentChecks.Rules(Channel.email, null, "https://shop.example.com/spring",
                List.of(), List.of(), 3), "Acme", null);
        LlmComposer llm = new LlmComposer(null, new ModelAvailability("dummy", OPENAI, "gpt-4o-mini"), new ObjectMapper());
        assertThatThrownBy(() -> llm.compose(ctx)).isInstanceOf(LlmFailure.class).hasMessageContaining("OPENAI_API_KEY");
        Composition composition = new Composer(llm).fromTemplate(ctx, catchFailure(llm, ctx));
        assertThat(composition.source()).isEqualTo(Source.template);
        assertThat(composition.fallbackReason()).startsWith("no model configured");
        assertThat(composition.model()).isNull();
        assertThat(composition.variants()).hasSize(2).allMatch(v -> v.passed() && v.subject().contains("Spring Collection"));
    }

    private static Throwable catchFailure(LlmComposer llm, GenerationContext ctx) {
        try {
            llm.compose(ctx);
            throw new AssertionError("expected a failure");
        } catch (LlmFailure failure) {
            return failure;
        }
    }
}
