package io.herald.core.tenant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys against facts that do not come from {@link ApiKeys} itself: the documented format
 * ({@code hk_<tenant id>_<base64url secret>}, tenant ids of 3 to 40 of {@code a-z0-9-} not starting or ending
 * with a dash), written here as generators; SHA-256's published test vector; and that any change to a key
 * changes its hash.
 */
class ApiKeysTest {

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    @Property
    void aGeneratedKeyIsPrefixTenantAndA32ByteBase64urlSecret(@ForAll("tenantIds") String tenantId) {
        String key = ApiKeys.generate(tenantId);
        String prefix = "hk_" + tenantId + "_";
        assertThat(key).startsWith(prefix);
        String secret = key.substring(prefix.length());
        assertThat(secret).hasSize(43);
        assertThat(secret.chars()).allMatch(c -> BASE64URL.indexOf(c) >= 0);
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        assertThat(ApiKeys.tenantOf(key)).contains(tenantId);
    }

    @Test
    void generatedKeysDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(ApiKeys.generate("acme"));
        }
        assertThat(keys).hasSize(10_000);
    }

    @Property
    void anyKeyOfTheGrammarNamesItsTenant(@ForAll("tenantIds") String tenantId, @ForAll("secrets") String secret) {
        assertThat(ApiKeys.tenantOf("hk_" + tenantId + "_" + secret)).contains(tenantId);
    }

    @Property
    void aStringOutsideTheGrammarNamesNoTenant(@ForAll("nearMisses") String notAKey) {
        assertThat(ApiKeys.tenantOf(notAKey)).as(notAKey).isEmpty();
    }

    @Test
    void theHashIsSha256InLowerCaseHex() {
        // FIPS 180-2, appendix B.1
        assertThat(ApiKeys.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Property
    void aKeyVerifiesAgainstTheHashStoredForIt(@ForAll("tenantIds") String tenantId) {
        String key = ApiKeys.generate(tenantId);
        String stored = ApiKeys.sha256(key);
        assertThat(stored).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(ApiKeys.sameHash(stored, ApiKeys.sha256(key))).isTrue();
        assertThat(stored).doesNotContain(key.substring(("hk_" + tenantId + "_").length()));
    }

    @Property
    void aKeyWithOneCharacterChangedNeverVerifies(@ForAll("tenantIds") String tenantId, @ForAll @IntRange(min = 0, max = 200) int at,
            @ForAll("keyCharacters") char replacement) {
        String key = ApiKeys.generate(tenantId);
        int position = at % key.length();
        char changedTo = replacement == key.charAt(position) ? (replacement == 'a' ? 'b' : 'a') : replacement;
        String changed = key.substring(0, position) + changedTo + key.substring(position + 1);
        assertThat(ApiKeys.sameHash(ApiKeys.sha256(key), ApiKeys.sha256(changed))).isFalse();
    }

    @Property
    void aTruncatedOrExtendedKeyNeverVerifies(@ForAll("tenantIds") String tenantId, @ForAll @IntRange(min = 1, max = 43) int cut,
            @ForAll("keyCharacters") char extra) {
        String key = ApiKeys.generate(tenantId);
        String stored = ApiKeys.sha256(key);
        assertThat(ApiKeys.sameHash(stored, ApiKeys.sha256(key.substring(0, key.length() - cut)))).isFalse();
        assertThat(ApiKeys.sameHash(stored, ApiKeys.sha256(key + extra))).isFalse();
    }

    @Test
    void hashesOfDifferentLengthsNeverMatch() {
        String stored = ApiKeys.sha256("hk_acme_x");
        assertThat(ApiKeys.sameHash(stored, stored.substring(0, 63))).isFalse();
        assertThat(ApiKeys.sameHash(stored, "")).isFalse();
    }

    /** 3 to 40 of a-z0-9-, neither first nor last a dash. */
    @Provide
    Arbitrary<String> tenantIds() {
        Arbitrary<Character> edge = Arbitraries.of(LOWER.toCharArray()).map(c -> c);
        Arbitrary<String> middle = Arbitraries.strings().withChars(LOWER + "-").ofMinLength(1).ofMaxLength(38);
        return Combinators.combine(edge, middle, edge).as((first, inside, last) -> first + inside + last);
    }

    /** What the format accepts after the tenant: 32 to 128 base64url characters. */
    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withChars(BASE64URL).ofMinLength(32).ofMaxLength(128);
    }

    @Provide
    Arbitrary<Character> keyCharacters() {
        return Arbitraries.of((BASE64URL + "+/=. ~é").toCharArray()).map(c -> c);
    }

    /** A well-formed key with exactly one rule of the grammar broken. */
    @Provide
    Arbitrary<String> nearMisses() {
        Arbitrary<String> tenant = tenantIds();
        Arbitrary<String> secret = secrets();
        return Arbitraries.oneOf(
                Combinators.combine(tenant, secret).as((t, s) -> "HK_" + t + "_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> "hk-" + t + "_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> " hk_" + t + "_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t + "_" + s + "\n"),
                // without its separator, and without a '_' in the secret that could stand in for it
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t + s.replace('_', 'A')),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_-" + t + "_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t + "-_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t.toUpperCase() + "X_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t + "x".repeat(41 - t.length()) + "_" + s),
                secret.map(s -> "hk_ab_" + s),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t + "_" + s.substring(0, 31)),
                Combinators.combine(tenant, secret).as((t, s) -> "hk_" + t + "_" + s + "x".repeat(129 - s.length())),
                Combinators.combine(tenant, secret, Arbitraries.of('+', '/', '=', '.', ' ', 'é'), Arbitraries.integers().between(0, 31))
                        .as((t, s, bad, at) -> "hk_" + t + "_" + s.substring(0, at) + bad + s.substring(at + 1)));
    }
}
