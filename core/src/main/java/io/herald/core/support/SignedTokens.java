package io.herald.core.support;

import io.herald.core.errors.HeraldException;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Herald's signed URL tokens (unsubscribe links, tracking links) and its 256-bit keys share: one strict reading
 * of a token's base64url text, and one check of a configured key.
 */
public final class SignedTokens {

    private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SignedTokens() {
    }

    /**
     * The token's bytes, or empty for anything that is not the one canonical unpadded base64url spelling of some
     * bytes (unused low bits of the last character decode to the same bytes: only one spelling may verify).
     */
    public static Optional<byte[]> canonicalBytes(String token, int maxChars) {
        if (token == null || token.length() > maxChars || !TOKEN_CHARS.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            return URL_ENCODER.encodeToString(bytes).equals(token) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * A configured key, which must be exactly 256 bits: a shorter one would silently weaken it, and a typo must not.
     *
     * @param property the configuration property it came from, named in the error
     * @param what what the key is, for the error's title ({@code Secrets key}, {@code Tracking key})
     */
    public static byte[] key256(String property, String encoded, String what) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new HeraldException(HeraldException.Kind.UNAVAILABLE, what + " invalid",
                    property + " must be the base64 of 32 random bytes (openssl rand -base64 32)");
        }
        return raw;
    }
}
