package io.herald.core.contact;

import io.herald.core.errors.HeraldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileRulesProperties {

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

    @Property
    void acceptsEveryIanaZoneTheJdkKnows(@ForAll("zones") String zone) {
        assertThat(ProfileRules.timezone(zone)).isEqualTo(zone);
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
    void contactIdsUpTo128PrintableCharactersAreAccepted(@ForAll @StringLength(min = 1, max = 128) String id) {
        boolean acceptable = id.chars().noneMatch(Character::isISOControl) && id.strip().equals(id);
        if (acceptable) {
            assertThat(ProfileRules.contactId(id)).isEqualTo(id);
        } else {
            assertThatThrownBy(() -> ProfileRules.contactId(id)).isInstanceOf(HeraldException.class);
        }
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
    Arbitrary<String> zones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds());
    }

    @Provide
    Arbitrary<Locale> locales() {
        return Arbitraries.of(Locale.getAvailableLocales()).filter(l -> !l.getLanguage().isEmpty());
    }
}
