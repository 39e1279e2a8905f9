package io.herald.core.delivery;

import io.herald.core.support.SsmParameters;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** AES-GCM sealing: opens only with the same key and associated data, and any altered byte fails. */
class CredentialCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private final CredentialCipher cipher = cipher(KEY);

    @Property
    void anyAlteredByteOfTheSealedFormFailsToOpen(@ForAll @IntRange(min = 0, max = 1000) int where, @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] sealed = Base64.getDecoder().decode(cipher.seal("{\"apiKey\":\"SG.x\"}".getBytes(StandardCharsets.UTF_8), "ad"));
        sealed[where % sealed.length] ^= (byte) flip;

        assertThat(cipher.open(Base64.getEncoder().encodeToString(sealed), "ad")).isEmpty();
    }

    @Example
    void opensOnlyWithTheSameKeyAndAssociatedData() {
        byte[] plaintext = "secret".getBytes(StandardCharsets.UTF_8);
        String sealed = cipher.seal(plaintext, "tenant-a/sendgrid");

        assertThat(cipher.open(sealed, "tenant-a/sendgrid")).hasValueSatisfying(opened -> assertThat(opened).isEqualTo(plaintext));
        assertThat(cipher.open(sealed, "tenant-b/sendgrid")).isEmpty();
        assertThat(cipher(Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes())).open(sealed, "tenant-a/sendgrid")).isEmpty();
        assertThat(cipher.open("not base64!", "tenant-a/sendgrid")).isEmpty();
        assertThat(cipher.open("", "tenant-a/sendgrid")).isEmpty();
        assertThat(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
    }

    @Example
    void twoSealsOfTheSameValueDifferButShareAFingerprint() {
        byte[] plaintext = "secret".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.seal(plaintext, "ad")).isNotEqualTo(cipher.seal(plaintext, "ad"));
        assertThat(cipher.fingerprint(plaintext)).isEqualTo(cipher.fingerprint(plaintext)).matches("[0-9a-f]{16}")
                .isNotEqualTo(cipher.fingerprint("secreT".getBytes(StandardCharsets.UTF_8)));
    }

    private static CredentialCipher cipher(String key) {
        return new CredentialCipher(new SecretsConfig() {
            @Override
            public Optional<String> key() {
                return Optional.of(key);
            }

            @Override
            public Optional<String> keyParameter() {
                return Optional.empty();
            }
        }, new SsmParameters(() -> {
            throw new AssertionError("no SSM in this test");
        }));
    }
}
