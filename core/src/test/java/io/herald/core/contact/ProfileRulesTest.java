package io.herald.core.contact;

import io.herald.core.errors.HeraldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileRulesTest {

    @Property
    void acceptsEveryWellFormedAddress(@ForAll("localParts") String local, @ForAll("hosts") String host) {
        assertThat(ProfileRules.isEmail(local + "@" + host)).isTrue();
    }

    @Property
    void refusesAddressesWithoutExactlyOneAt(@ForAll @StringLength(max = 80) String text) {
        String noAt = text.replace("@", "");
        assertThat(ProfileRules.isEmail(noAt)).isFalse();
        assertThat(ProfileRules.isEmail(noAt + "@@example.com")).isFalse();
    }

    @Property
    void refusesAddressesWithSpacesOrControlCharacters(@ForAll("localParts") String local, @ForAll("hosts") String host,
            @ForAll("unsafe") char unsafe) {
        assertThat(ProfileRules.isEmail(local + unsafe + "@" + host)).isFalse();
    }

    @Example
    void refusesCommonTypos() {
        for (String typo : new String[] {"li.wei@", "@example.com", "li..wei@example.com", ".li@example.com", "li@example",
                "li@-example.com", "li@example..com", "li wei@example.com"}) {
            assertThat(ProfileRules.isEmail(typo)).as(typo).isFalse();
        }
        assertThat(ProfileRules.isEmail("li.wei+promo@mail.example.co.uk")).isTrue();
    }

    @Example
    void acceptsIanaRegionZonesAndRefusesEverythingElse() {
        for (String zone : new String[] {"Asia/Shanghai", "Europe/Paris", "America/Argentina/Buenos_Aires", "UTC", "Pacific/Chatham"}) {
            assertThat(ProfileRules.timezone(zone)).isEqualTo(zone);
        }
        for (String bad : new String[] {"Mars/Olympus", "+08:00", "GMT+8", "asia/shanghai", "CST", "", "Europe/"}) {
            assertThatThrownBy(() -> ProfileRules.timezone(bad)).as(bad).isInstanceOf(HeraldException.class)
                    .hasMessageContaining("is not an IANA time zone");
        }
    }

    @Property
    void canonicalizesEveryAvailableLocale(@ForAll("locales") Locale locale) {
        String tag = locale.toLanguageTag();
        assertThat(ProfileRules.locale(tag.toLowerCase(Locale.ROOT))).isEqualToIgnoringCase(tag);
        assertThat(ProfileRules.locale(ProfileRules.locale(tag))).isEqualTo(ProfileRules.locale(tag));
    }

    @Example
    void refusesTagsThatAreNotBcp47() {
        for (String bad : new String[] {"english please", "zh_CN", "", "123", "x"}) {
            assertThatThrownBy(() -> ProfileRules.locale(bad)).as(bad).isInstanceOf(HeraldException.class)
                    .hasMessageContaining("is not a BCP 47 language tag");
        }
        assertThat(ProfileRules.locale("zh-hans-cn")).isEqualTo("zh-Hans-CN");
    }

    @Property
    void idsOfPrintableTextUpTo128CharactersAreAccepted(@ForAll("printableIds") String id) {
        assertThat(ProfileRules.contactId(id)).isEqualTo(id);
    }

    @Property
    void aControlCharacterAnywhereIsRefused(@ForAll("printableIds") String id, @ForAll("controls") char control,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 127) int at) {
        String withControl = id.substring(0, Math.min(at, id.length())) + control + id.substring(Math.min(at, id.length()));
        assertThatThrownBy(() -> ProfileRules.contactId(withControl.length() > 128 ? withControl.substring(0, 128) : withControl))
                .isInstanceOf(HeraldException.class);
    }

    @Property
    void idsOver128CharactersAreRefused(@ForAll("printableIds") String id) {
        String tooLong = (id + "x".repeat(129)).substring(0, 129);
        assertThatThrownBy(() -> ProfileRules.contactId(tooLong)).isInstanceOf(HeraldException.class).hasMessageContaining("1 to 128");
    }

    @Provide
    Arbitrary<String> printableIds() {
        return Arbitraries.strings().withCharRange('!', '~').withChars("é中文-_ ").ofMinLength(1).ofMaxLength(128)
                .filter(id -> id.strip().equals(id));
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.of('\u0000', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085');
    }

    @Provide
    Arbitrary<String> localParts() {
        Arbitrary<String> atom = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")
                .ofMinLength(1).ofMaxLength(10);
        return atom.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(".", parts)).filter(s -> s.length() <= 64);
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> tld = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz").ofMinLength(2).ofMaxLength(6);
        return label.list().ofMinSize(1).ofMaxSize(3).flatMap(labels -> tld.map(t -> String.join(".", labels) + "." + t));
    }

    @Provide
    Arbitrary<Character> unsafe() {
        return Arbitraries.of(' ', '\t', '\n', '\u0000', '"', '(', ')', ',', ':', ';', '<', '>', '[', ']', '\\');
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(Locale.getAvailableLocales()).filter(l -> !l.getLanguage().isEmpty());
    }
}
