package io.herald.core.delivery;

import io.herald.core.errors.HeraldException;
import io.herald.core.support.ConfiguredSecret;
import io.herald.core.support.SignedTokens;
import io.herald.core.support.SsmParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * AES-256-GCM with the JDK's provider: a fresh random 96-bit nonce for every seal, a 128-bit tag, and associated
 * data that binds a ciphertext to where it is stored (tenant and provider kind), so a ciphertext copied into
 * another tenant's item fails to open instead of handing that tenant the first tenant's credentials.
 * Sealed form: base64 of {@code version (1 byte) | nonce (12) | ciphertext and tag}.
 */
@ApplicationScoped
public class CredentialCipher {

    static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfiguredSecret configured;
    private volatile SecretKeySpec key;

    @Inject
    public CredentialCipher(SecretsConfig config, SsmParameters ssm) {
        this.configured = new ConfiguredSecret("the secrets key", config.key(), config.keyParameter(), ssm);
    }

    public String seal(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plaintext, or empty when the ciphertext was altered, sealed under another key, or for other associated data. */
    public Optional<byte[]> open(String sealed, String associatedData) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Optional.of(cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES));
        } catch (AEADBadTagException tampered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * A short keyed digest (HMAC-SHA256 under a key derived from the secrets key, 8 bytes in hex): it changes when
     * the credentials change, and without the key it cannot be used to test guesses of a low-entropy password.
     */
    public String fingerprint(byte[] plaintext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive("herald fingerprint v1"), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(plaintext), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private byte[] derive(String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key());
        return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            String encoded = configured.get().orElseThrow(() -> new HeraldException(HeraldException.Kind.UNAVAILABLE,
                    "Secrets key not configured", "provider credentials cannot be stored or read: herald.secrets.key"
                    + " (HERALD_SECRETS_KEY) or herald.secrets.key-parameter is not configured"));
            known = new SecretKeySpec(decodeKey("herald.secrets.key", encoded), "AES");
            key = known;
        }
        return known;
    }

    /** The key must be exactly 256 bits: a shorter one would silently weaken AES, a typo must not. */
    static byte[] decodeKey(String property, String encoded) {
        return SignedTokens.key256(property, encoded, "Secrets key");
    }
}
