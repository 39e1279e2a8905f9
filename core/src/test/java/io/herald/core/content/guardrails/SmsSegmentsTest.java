package io.herald.core.content.guardrails;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTest {

    private static final String GSM_BASIC = "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    @Test
    void gsm7LimitsAre160And153() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegments.SmsCount("GSM-7", 160, 1));
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(new SmsSegments.SmsCount("GSM-7", 161, 2));
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(SmsSegments.count("€").units()).isEqualTo(2);
        assertThat(SmsSegments.count("{}[]~|^\\").units()).isEqualTo(16);
        assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new SmsSegments.SmsCount("GSM-7", 160, 1));
        assertThat(SmsSegments.count("€".repeat(81)).segments()).isEqualTo(2);
    }

    @Test
    void anEscapePairIsNotSplitAcrossParts() {
        // 152 septets then a 2-septet '€': the pair moves to part two instead of straddling 153
        assertThat(SmsSegments.count("a".repeat(152) + "€" + "a".repeat(152)).segments()).isEqualTo(3);
    }

    @Test
    void chineseAndEmojiForceUcs2WithUtf16Units() {
        assertThat(SmsSegments.count("您好".repeat(35))).isEqualTo(new SmsSegments.SmsCount("UCS-2", 70, 1));
        assertThat(SmsSegments.count("您".repeat(71))).isEqualTo(new SmsSegments.SmsCount("UCS-2", 71, 2));
        assertThat(SmsSegments.count("😀")).isEqualTo(new SmsSegments.SmsCount("UCS-2", 2, 1));
        assertThat(SmsSegments.count("😀".repeat(35)).segments()).isEqualTo(1);
        assertThat(SmsSegments.count("😀".repeat(36)).segments()).isEqualTo(2);
        // one non-GSM character makes the whole Latin text UCS-2
        assertThat(SmsSegments.count("a".repeat(100) + "ç").encoding()).isEqualTo("UCS-2");
    }

    @Test
    void emptyTextHasNoSegment() {
        assertThat(SmsSegments.count("").segments()).isZero();
    }

    @Property
    void plainGsmTextFollowsTheFormula(@ForAll("gsmText") String text) {
        SmsSegments.SmsCount count = SmsSegments.count(text);
        int n = text.length();
        assertThat(count.encoding()).isEqualTo("GSM-7");
        assertThat(count.units()).isEqualTo(n);
        assertThat(count.segments()).isEqualTo(n == 0 ? 0 : n <= 160 ? 1 : (n + 152) / 153);
    }

    @Property
    void bmpTextOutsideGsmFollowsTheUcs2Formula(@ForAll("cjkText") String text) {
        SmsSegments.SmsCount count = SmsSegments.count(text);
        int n = text.length();
        assertThat(count.encoding()).isEqualTo("UCS-2");
        assertThat(count.units()).isEqualTo(n);
        assertThat(count.segments()).isEqualTo(n <= 70 ? 1 : (n + 66) / 67);
    }

    @Property
    void segmentsHoldEveryUnitAndAppendingNeverShrinks(@ForAll("anyText") String text, @ForAll("anyText") String more) {
        SmsSegments.SmsCount count = SmsSegments.count(text);
        boolean gsm = count.encoding().equals("GSM-7");
        int perPart = count.segments() <= 1 ? (gsm ? 160 : 70) : (gsm ? 153 : 67);
        assertThat((long) count.segments() * perPart).isGreaterThanOrEqualTo(count.units());
        assertThat(count.units()).isGreaterThanOrEqualTo(text.isEmpty() ? 0 : 1);
        if (SmsSegments.count(text + more).encoding().equals(count.encoding())) {
            assertThat(SmsSegments.count(text + more).segments()).isGreaterThanOrEqualTo(count.segments());
        }
    }

    @Property
    void emojiCountTwoUnits(@ForAll @IntRange(min = 1, max = 200) int emojis) {
        assertThat(SmsSegments.count("🎉".repeat(emojis)).units()).isEqualTo(2 * emojis);
    }

    @Provide
    Arbitrary<String> gsmText() {
        return Arbitraries.strings().withChars(GSM_BASIC.toCharArray()).ofMinLength(0).ofMaxLength(800);
    }

    @Provide
    Arbitrary<String> cjkText() {
        return Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMinLength(1).ofMaxLength(400);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(gsmText(), cjkText(), Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("a€{😀您".toCharArray()).ofMaxLength(300));
    }
}
