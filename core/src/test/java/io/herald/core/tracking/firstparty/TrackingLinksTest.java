package io.herald.core.tracking.firstparty;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.security.SecureRandom;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracking tokens: what is signed comes back exactly, and nothing altered, forged or of the other kind verifies. */
class TrackingLinksTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final byte[] KEY = key();
    static final TrackingLinks LINKS = new TrackingLinks("https://t.herald.example/", KEY);
    private static final Instant ISSUED = Instant.parse("2030-06-14T09:30:00Z");

    static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Provide
    Arbitrary<String> urls() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300).map(path -> "https://shop.example.com/" + path);
    }

    @Property(tries = 300)
    void aClickTokenVerifiesToExactlyWhatWasSigned(@ForAll("urls") String url, @ForAll @IntRange(min = 1, max = 500) int count,
            @ForAll @IntRange(min = 0, max = 499) int index, @ForAll @StringLength(min = 1, max = 40) String tenant) {
        int link = index % count;
        ClickToken click = new ClickToken(tenant, "m-" + tenant, url, link, count, ISSUED);
        String token = LINKS.clickToken(click);
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(LINKS.verifyClick(token)).contains(click);
        assertThat(LINKS.verifyOpen(token)).as("a click token is not an open token").isEmpty();
    }

    @Property(tries = 300)
    void anyChangedCharacterNeverVerifies(@ForAll("urls") String url, @ForAll @IntRange(min = 0, max = 10_000) int at,
            @ForAll @IntRange(min = 1, max = 63) int shift) {
        String token = LINKS.clickToken(new ClickToken("acme", "m-1", url, 0, 1, ISSUED));
        int position = at % token.length();
        char changed = ALPHABET.charAt((ALPHABET.indexOf(token.charAt(position)) + shift) % ALPHABET.length());
        String altered = token.substring(0, position) + changed + token.substring(position + 1);
        assertThat(LINKS.verifyClick(altered)).isEmpty();
        String open = LINKS.openToken("acme", "m-" + at);
        int openAt = at % open.length();
        char openChanged = ALPHABET.charAt((ALPHABET.indexOf(open.charAt(openAt)) + shift) % ALPHABET.length());
        assertThat(LINKS.verifyOpen(open.substring(0, openAt) + openChanged + open.substring(openAt + 1))).isEmpty();
    }

    @Property(tries = 200)
    void truncatedOrExtendedTokensNeverVerify(@ForAll("urls") String url, @ForAll @IntRange(min = 1, max = 40) int cut) {
        String token = LINKS.clickToken(new ClickToken("acme", "m-1", url, 0, 1, ISSUED));
        assertThat(LINKS.verifyClick(token.substring(0, Math.max(0, token.length() - cut)))).isEmpty();
        assertThat(LINKS.verifyClick(token + "A")).isEmpty();
        assertThat(LINKS.verifyClick(token + token)).isEmpty();
    }

    @Property(tries = 500)
    void arbitraryInputNeverThrowsAndNeverVerifies(@ForAll String anything) {
        assertThat(LINKS.verifyClick(anything)).isEmpty();
        assertThat(LINKS.verifyOpen(anything)).isEmpty();
    }

    @Example
    void anOpenTokenNamesTenantAndMessageAndIsNotAClick() {
        String token = LINKS.openToken("acme", "m-1");
        assertThat(LINKS.verifyOpen(token)).contains(new OpenToken("acme", "m-1"));
        assertThat(LINKS.verifyClick(token)).isEmpty();
        assertThat(LINKS.openUrl("acme", "m-1")).isEqualTo("https://t.herald.example/t/o/" + token);
    }

    @Example
    void anotherKeyVerifiesNothing() {
        TrackingLinks other = new TrackingLinks("https://t.herald.example", key());
        String click = LINKS.clickToken(new ClickToken("acme", "m-1", "https://shop.example.com/", 0, 1, ISSUED));
        assertThat(other.verifyClick(click)).isEmpty();
        assertThat(other.verifyOpen(LINKS.openToken("acme", "m-1"))).isEmpty();
        assertThat(LINKS.verifyClick(null)).isEmpty();
        assertThat(LINKS.verifyClick("")).isEmpty();
        assertThat(LINKS.verifyClick("x".repeat(5000))).isEmpty();
    }

    @Example
    void aTokenIsCompact() {
        String token = LINKS.clickToken(new ClickToken("acme", "6f1c2a34-9b7e-3d41-8c55-0a2b3c4d5e6f", "https://shop.example.com/spring", 2, 5, ISSUED));
        // 2 + (2+4) + (2+36) + (2+31) + 8 + 16 bytes = 103 bytes, 138 characters of base64url
        assertThat(token.length()).isLessThan(140);
    }
}
