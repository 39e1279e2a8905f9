package io.herald.core.campaign.content;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Contact;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContentGroupTest {

    /** Safe in a DynamoDB key between '#' separators, in an SQS message and in a log line. */
    private static final String KEY_SAFE = "[a-z]{2,8}(\\.([A-Za-z0-9][A-Za-z0-9_-]{0,23}|_|~[0-9a-f]{20}))?";

    private static CampaignContentSpec spec(String groupBy, String defaultLanguage) {
        return new CampaignContentSpec("c1", null, List.of(new VariantPrompt("a", null)), groupBy, List.of(), null, null, null,
                defaultLanguage, null);
    }

    private static Contact contact(String locale, String tier) {
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        if (tier != null) {
            attributes.put("tier", tier);
        }
        return new Contact("c-" + tier, null, attributes, null, locale, Map.of(), null, null);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().alpha().numeric().withChars('-', '_', '#', '.', '~', ' ').ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("gold", "Gold", "silver", "#1", "a#b", "金卡", "_", "~abc", "vip.plus", "x".repeat(24), "x".repeat(25)));
    }

    @Provide
    Arbitrary<String> locales() {
        return Arbitraries.oneOf(Arbitraries.of(Locale.getAvailableLocales()).map(Locale::toLanguageTag),
                Arbitraries.of("zh-CN", "zh-TW", "en", "EN-gb", "pt_BR", "", "  ", "not a locale", "x-private", "und"),
                Arbitraries.strings().ofMaxLength(12));
    }

    @Property
    void theKeyIsKeySafeAndShortWhateverTheLocaleAndValue(@ForAll("locales") String locale, @ForAll("values") String value) {
        ContentGroup group = ContentGroup.of(spec("tier", "en"), contact(locale, value));
        assertThat(group.key()).matches(KEY_SAFE).hasSizeLessThanOrEqualTo(34);
        assertThat(ContentGroup.of(spec(null, "en"), contact(locale, value)).key()).matches("[a-z]{2,8}");
    }

    @Property
    void theSameRecipientDataAlwaysGivesTheSameGroup(@ForAll("locales") String locale, @ForAll("values") String value) {
        ContentGroup first = ContentGroup.of(spec("tier", "de"), contact(locale, value));
        ContentGroup again = ContentGroup.of(spec("tier", "de"), contact(locale, value));
        assertThat(again).isEqualTo(first);
        assertThat(ContentGroup.of(first.language(), first.attribute(), first.value())).isEqualTo(first);
    }

    @Property
    void differentValuesGetDifferentGroups(@ForAll("values") String one, @ForAll("values") String other) {
        String a = Normalizer.normalize(one, Normalizer.Form.NFC).strip();
        String b = Normalizer.normalize(other, Normalizer.Form.NFC).strip();
        ContentGroup first = ContentGroup.of(spec("tier", "en"), contact("en", one));
        ContentGroup second = ContentGroup.of(spec("tier", "en"), contact("en", other));
        if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) {
            assertThat(first.key()).isNotEqualTo(second.key());
        } else if (a.equals(b)) {
            assertThat(first.key()).isEqualTo(second.key());
        }
    }

    @Property
    void aKeyReadsBackAsItsGroupWhenItsValueIsKeySafe(@ForAll("locales") String locale, @ForAll("values") String value) {
        ContentGroup group = ContentGroup.of(spec("tier", "en"), contact(locale, value));
        ContentGroup parsed = ContentGroup.parse(group.key(), "tier");
        assertThat(parsed.key()).isEqualTo(group.key());
        assertThat(parsed.language()).isEqualTo(group.language());
        if (group.key().contains(ContentGroup.HASHED)) {
            assertThat(parsed.value()).isNull();
        } else {
            assertThat(parsed).isEqualTo(group);
        }
    }

    @Example
    void theLanguageIsTheLocalesPrimaryLanguageOrTheCampaignsDefault() {
        assertThat(ContentGroup.of(spec(null, "en"), contact("zh-CN", null)).key()).isEqualTo("zh");
        assertThat(ContentGroup.of(spec(null, "en"), contact("zh-TW", null)).key()).isEqualTo("zh");
        assertThat(ContentGroup.of(spec(null, "de-AT"), contact(null, null)).key()).isEqualTo("de");
        assertThat(ContentGroup.of(spec(null, "fr"), contact("not a locale", null)).language()).isEqualTo("fr");
        assertThat(ContentGroup.of(spec(null, null), contact(null, null)).language()).isEqualTo("en");
    }

    @Example
    void aRecipientWithoutTheAttributeIsInTheDefaultGroup() {
        ContentGroup none = ContentGroup.of(spec("tier", "en"), contact("en-GB", null));
        assertThat(none.key()).isEqualTo("en._");
        assertThat(none.value()).isNull();
        assertThat(ContentGroup.of(spec("tier", "en"), contact("en-GB", "  ")).key()).isEqualTo("en._");
        assertThat(ContentGroup.of(spec("tier", "en"), contact("zh-CN", "gold")).key()).isEqualTo("zh.gold");
        ContentGroup hashed = ContentGroup.of(spec("tier", "en"), contact("zh-CN", "金卡 #1"));
        assertThat(hashed.key()).startsWith("zh.~").hasSize(24);
        assertThat(hashed.value()).isEqualTo("金卡 #1");
    }
}
