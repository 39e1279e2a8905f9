package io.herald.core.content.guardrails;

import io.herald.core.content.Channel;
import io.herald.core.content.SocialNetwork;
import io.herald.core.content.Variant;
import io.herald.core.content.VariantDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** X's weighted length against X's own conformance data (twitter-text v3.1.0, see the resource's SOURCES.md). */
class PostLengthTest {

    private static final int X_LIMIT = SocialNetwork.x.maxCodePoints();

    @SuppressWarnings("unchecked")
    static Stream<Arguments> conformance() throws IOException {
        try (InputStream in = PostLengthTest.class.getResourceAsStream("/twitter-text/validate-weighted.yml")) {
            Map<String, Map<String, List<Map<String, Object>>>> file = new Yaml().load(in);
            return file.get("tests").values().stream().flatMap(List::stream).map(testCase -> {
                Map<String, Object> expected = (Map<String, Object>) testCase.get("expected");
                return Arguments.of(testCase.get("description"), testCase.get("text"), expected.get("weightedLength"), expected.get("valid"));
            }).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformance")
    void xCountsAsTwitterTextsConformanceDataSays(String description, String text, int weightedLength, boolean valid) {
        int length = PostLength.of(SocialNetwork.x, text);
        assertThat(length).as(description).isEqualTo(weightedLength);
        if (valid) {
            assertThat(length).as("a post X accepts fits Herald's X limit").isLessThanOrEqualTo(X_LIMIT);
        }
    }

    @Test
    void theConformanceDataIsAllThere() throws IOException {
        assertThat(conformance()).hasSize(24);
    }

    @ParameterizedTest(name = "{0} weighs {1}")
    @CsvSource({
            "❤️, 2",            // U+2764 with VS16
            "☺️, 2",            // U+263A, a BMP symbol below the CJK range, with VS16
            "🇨🇳, 2",           // a flag: two regional indicators
            "👍🏽, 2",           // a skin tone modifier
            "👨‍👩‍👧, 2",         // a ZWJ family of three
            "🏳️‍🌈, 2",          // VS16 and ZWJ together
            "春, 2",
            "a, 1",
            "“quoted” – ok, 13" // general punctuation in X's weight-1 ranges
    })
    void anEmojiSequenceWeighsTwoOnX(String text, int weight) {
        assertThat(PostLength.of(SocialNetwork.x, text)).isEqualTo(weight);
    }

    @Test
    void otherNetworksCountCodePoints() {
        assertThat(PostLength.of(SocialNetwork.linkedin, "❤️")).isEqualTo(2);
        assertThat(PostLength.of(SocialNetwork.instagram, "👨‍👩‍👧")).isEqualTo(5);
        assertThat(PostLength.of(SocialNetwork.facebook, "春 https://shop.example.com/spring")).isEqualTo(2 + 31);
    }

    @Test
    void aPostOf280WeightedCharactersPassesAnd281Fails() {
        assertThat(lengthCheck("❤️".repeat(140))).isTrue();
        assertThat(lengthCheck("❤️".repeat(140) + "!")).isFalse();
        assertThat(lengthCheck("a".repeat(278) + "🇨🇳")).isTrue();
        assertThat(lengthCheck("a".repeat(279) + "🇨🇳")).isFalse();
        assertThat(lengthCheck("👨‍👩‍👧".repeat(139) + "ok")).isTrue();
        assertThat(lengthCheck("👨‍👩‍👧".repeat(139) + "ok!")).isFalse();
    }

    @Test
    void hashtagsAreMeasuredAsPartOfThePost() {
        Variant post = ContentChecks.check(1, VariantDraft.social("👍🏽".repeat(136), List.of("spring")), rules());
        assertThat(post.length()).isEqualTo(272 + " #spring".length());
        assertThat(result(post).passed()).isTrue();
        Variant over = ContentChecks.check(1, VariantDraft.social("👍🏽".repeat(136) + "!", List.of("spring")), rules());
        assertThat(over.length()).isEqualTo(281);
        assertThat(result(over).passed()).isFalse();
    }

    private static boolean lengthCheck(String text) {
        return result(ContentChecks.check(1, VariantDraft.social(text, List.of()), rules())).passed();
    }

    private static CheckResult result(Variant variant) {
        return variant.checks().stream().filter(check -> check.name().equals("length")).findFirst().orElseThrow();
    }

    private static ContentChecks.Rules rules() {
        return new ContentChecks.Rules(Channel.social, SocialNetwork.x, "https://shop.example.com/spring", List.of("example.com"), List.of(), 2);
    }
}
