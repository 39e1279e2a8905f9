package io.herald.core.content.prompt;

import io.herald.core.errors.HeraldException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptTextTest {

    @Test
    void rendersKnownPlaceholdersWithOrWithoutSpaces() {
        assertThat(PromptText.render("Sell {{product}} to reach {{ goal }}.", Map.of("product", "tea", "goal", "$5 $1 \\")))
                .isEqualTo("Sell tea to reach $5 $1 \\.");
    }

    @Test
    void rejectsUnknownPlaceholdersNamingThem() {
        assertThatThrownBy(() -> PromptText.requireKnownPlaceholders("user", "Hi {{firstName}} {{goal}}"))
                .isInstanceOf(HeraldException.class)
                .hasMessageContaining("user: unknown placeholder(s) [{{firstName}}]");
    }

    @Test
    void theHashIsStableAndChangesWithAnyPart() {
        String hash = PromptText.hash("s", "u", null, List.of("b", "a"));
        assertThat(hash).hasSize(64).isEqualTo(PromptText.hash("s", "u", "", List.of("a", "b")));
        assertThat(PromptText.hash("s", "u", "v", List.of("a", "b"))).isNotEqualTo(hash);
        assertThat(PromptText.hash("su", "", null, List.of("a", "b"))).isNotEqualTo(PromptText.hash("s", "u", null, List.of("a", "b")));
    }
}
