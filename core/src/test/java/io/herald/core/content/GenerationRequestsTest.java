package io.herald.core.content;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.errors.HeraldException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationRequestsTest {

    private static GenerationRequest inline(int attributeChars) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("note", "x".repeat(attributeChars));
        return new GenerationRequest(null, new Profile(null, attributes, null, null), Channel.sms, null,
                new Brief("Win back", "Spring", "https://shop.example.com/spring", null, null), 1, null, null);
    }

    @Test
    void inlineAttributesFollowTheConfiguredContactLimit() {
        assertThat(GenerationRequests.validate(inline(100), 200).variants()).isEqualTo(1);
        assertThatThrownBy(() -> GenerationRequests.validate(inline(300), 200)).isInstanceOf(HeraldException.class)
                .hasMessageContaining("profile.attributes");
        // a deployment that raised the limit above the old hard-coded 16 KiB accepts larger inline profiles
        assertThat(GenerationRequests.validate(inline(20_000), 32_768).variants()).isEqualTo(1);
    }
}
