package io.herald.core.tracking.outbound;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} + base64 of 24 to 64 random bytes. The prefix makes a leaked
 * secret recognizable (secret scanners look for it); the bounds are the spec's (at least 192 bits).
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    /** What Herald generates: 256 bits, as many as the HMAC-SHA256 key can use. */
    static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String text;

    private WebhookSecret(byte[] key, String text) {
        this.key = key;
        this.text = text;
    }

    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key, PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /**
     * Reads a secret as shown to a tenant. The {@code whsec_} prefix is optional (the reference libraries accept the
     * bare base64 too); an empty, non-base64 or too short key is refused rather than silently weakening the HMAC.
     *
     * @throws IllegalArgumentException with a reason that never contains the secret
     */
    public static WebhookSecret parse(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
        }
        if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
            throw new IllegalArgumentException("a webhook secret holds " + MIN_BYTES + " to " + MAX_BYTES + " bytes (this one " + key.length + ")");
        }
        return new WebhookSecret(key, PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The raw HMAC key. */
    byte[] key() {
        return key.clone();
    }

    /** The secret as shown to the tenant once, and as stored (encrypted). */
    public String reveal() {
        return text;
    }

    /** Never the secret itself: a secret must not reach a log line through string concatenation. */
    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
