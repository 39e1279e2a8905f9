package io.herald.core.tenant;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    @Property
    void aGeneratedKeyNamesItsTenantAndNoOther(@ForAll("tenantIds") String tenantId) {
        String key = ApiKeys.generate(tenantId);
        assertThat(ApiKeys.tenantOf(key)).contains(tenantId);
        assertThat(key).hasSize("hk_".length() + tenantId.length() + 1 + 43);
    }

    @Property(tries = 200)
    void keysDoNotRepeat(@ForAll("tenantIds") String tenantId) {
        assertThat(ApiKeys.generate(tenantId)).isNotEqualTo(ApiKeys.generate(tenantId));
    }

    @Property
    void arbitraryTextIsNeverTakenForAKey(@ForAll @StringLength(max = 200) String text) {
        if (!text.startsWith("hk_")) {
            assertThat(ApiKeys.tenantOf(text)).isEmpty();
        }
    }

    @Property
    void aTruncatedOrExtendedKeyHashesDifferently(@ForAll("tenantIds") String tenantId) {
        String key = ApiKeys.generate(tenantId);
        String hash = ApiKeys.sha256(key);
        assertThat(ApiKeys.sameHash(hash, ApiKeys.sha256(key))).isTrue();
        assertThat(ApiKeys.sameHash(hash, ApiKeys.sha256(key.substring(0, key.length() - 1)))).isFalse();
        assertThat(ApiKeys.sameHash(hash, ApiKeys.sha256(key + "A"))).isFalse();
        assertThat(hash).doesNotContain(key.substring(("hk_" + tenantId + "_").length()));
    }

    @Provide
    Arbitrary<String> tenantIds() {
        Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
        Arbitrary<String> middle = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-").ofMinLength(1).ofMaxLength(38);
        return net.jqwik.api.Combinators.combine(edge, middle, edge).as((a, m, b) -> a + m + b)
                .map(TenantIds::requireValid);
    }
}
