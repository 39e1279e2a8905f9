package io.herald.core.delivery;

import io.herald.core.errors.HeraldException;
import io.herald.core.support.SsmParameters;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signed one-click token: what Herald signs verifies; nothing else does, whatever the input. */
class UnsubscribeLinksTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    private final UnsubscribeLinks links = links(KEY, Optional.empty());

    @Property
    void whatHeraldSignsVerifiesToTheSameIds(@ForAll("tenantIds") String tenant, @ForAll @StringLength(min = 1, max = 128) String contact,
            @ForAll("optionalIds") String campaign, @ForAll("optionalIds") String message) {
        UnsubscribeToken token = new UnsubscribeToken(tenant, contact, campaign, message);
        String signed = links.token(token);

        assertThat(signed).matches("[A-Za-z0-9_-]+");
        assertThat(links.verify(signed)).contains(token);
    }

    @Property
    void anyChangedCharacterMakesTheTokenInvalid(@ForAll("tokens") String signed, @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll("urlSafe") char replacement) {
        int index = where % signed.length();
        String altered = signed.substring(0, index) + replacement + signed.substring(index + 1);
        if (altered.equals(signed)) {
            return;
        }
        assertThat(links.verify(altered)).isEmpty();
    }

    @Property
    void truncatedOrExtendedTokensDoNotVerify(@ForAll("tokens") String signed, @ForAll @IntRange(min = 1, max = 40) int cut,
            @ForAll("urlSafeStrings") String suffix) {
        assertThat(links.verify(signed.substring(0, Math.max(0, signed.length() - cut)))).isEmpty();
        assertThat(links.verify(signed + suffix)).isEmpty();
    }

    @Property
    void arbitraryInputNeverVerifiesAndNeverThrows(@ForAll @StringLength(max = 3000) String input) {
        assertThat(links.verify(input)).isEmpty();
    }

    @Property
    void arbitraryUrlSafeInputNeverVerifies(@ForAll("urlSafeStrings") String input) {
        assertThat(links.verify(input)).isEmpty();
    }

    @Example
    void aTokenSignedUnderAnotherKeyDoesNotVerify() {
        String foreign = links(OTHER_KEY, Optional.empty()).token(new UnsubscribeToken("acme", "c-1", "camp-1", "m-1"));
        assertThat(links.verify(foreign)).isEmpty();
    }

    @Example
    void theLinkIsAbsoluteUnderTheBaseUrlAndTheHeadersFollowRfc8058() {
        UnsubscribeLinks withMailbox = links(KEY, Optional.of("unsubscribe@news.example.com"));
        String link = withMailbox.oneClick("acme", "c-1", "camp-1", "m-1").toString();
        assertThat(link).startsWith("https://herald.example.com/u/");
        assertThat(withMailbox.verify(link.substring(link.lastIndexOf('/') + 1))).contains(new UnsubscribeToken("acme", "c-1", "camp-1", "m-1"));

        UnsubscribeHeaders headers = withMailbox.headers("acme", "c-1", "camp-1", "m-1");
        assertThat(headers.listUnsubscribe()).isEqualTo("<" + link + ">, <mailto:unsubscribe@news.example.com?subject=unsubscribe>");
        assertThat(headers.listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(headers.asMap()).containsOnlyKeys("List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(links.headers("acme", "c-1", null, null).listUnsubscribe()).matches("<https://herald\\.example\\.com/u/[A-Za-z0-9_-]+>");
    }

    @Example
    void withoutASigningKeyLinksAreUnavailableRatherThanUnsigned() {
        UnsubscribeLinks unconfigured = links(null, Optional.empty());
        assertThatThrownBy(() -> unconfigured.oneClick("acme", "c-1", null, null))
                .isInstanceOfSatisfying(HeraldException.class, e -> assertThat(e.kind()).isEqualTo(HeraldException.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> links("c2hvcnQ=", Optional.empty()).oneClick("acme", "c-1", null, null))
                .hasMessageContaining("base64 of 32 random bytes");
    }

    @Provide
    Arbitrary<String> tenantIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(38).map(id -> "t" + id + "0");
    }

    @Provide
    Arbitrary<String> optionalIds() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(64).injectNull(0.2);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(128)
                .map(contact -> links.token(new UnsubscribeToken("acme", contact, "camp-1", "msg-1")));
    }

    @Provide
    Arbitrary<Character> urlSafe() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray());
    }

    @Provide
    Arbitrary<String> urlSafeStrings() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray())
                .ofMinLength(1).ofMaxLength(400);
    }

    private static UnsubscribeLinks links(String key, Optional<String> mailto) {
        return new UnsubscribeLinks(new UnsubscribeConfig() {
            @Override
            public String baseUrl() {
                return "https://herald.example.com/";
            }

            @Override
            public Optional<String> signingKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> signingKeyParameter() {
                return Optional.empty();
            }

            @Override
            public Optional<String> mailto() {
                return mailto;
            }
        }, new SsmParameters(() -> {
            throw new AssertionError("no SSM in this test");
        }));
    }
}
