package io.herald.core.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of API keys: {@code hk_<tenant id>_<43 characters of base64url>}. The tenant in the key
 * tells the store which partition to look in, so authentication is one consistent read under that tenant.
 */
public final class ApiKeys {

    static final Pattern FORMAT = Pattern.compile("hk_(" + TenantIds.PATTERN + ")_([A-Za-z0-9_-]{32,128})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new key for the tenant: 32 random bytes. */
    public static String generate(String tenantId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "hk_" + tenantId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The tenant a well-formed key names, or empty for anything else. */
    public static Optional<String> tenantOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String idOf(String sha256) {
        return sha256.substring(0, 16);
    }

    /** Compares hashes in constant time, so response timing reveals nothing about a near miss. */
    public static boolean sameHash(String expectedSha256, String actualSha256) {
        return MessageDigest.isEqual(expectedSha256.getBytes(StandardCharsets.US_ASCII), actualSha256.getBytes(StandardCharsets.US_ASCII));
    }
}
