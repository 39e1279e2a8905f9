package io.herald.core.tenant;

import io.herald.core.errors.HeraldException;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Tenant ids: 3 to 40 lower-case letters, digits and dashes, so they fit keys, URLs and API keys. */
public final class TenantIds {

    static final String PATTERN = "[a-z0-9][a-z0-9-]{1,38}[a-z0-9]";
    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private TenantIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    public static String requireValid(String id) {
        if (!isValid(id)) {
            throw HeraldException.invalid("tenant id must be 3 to 40 lower-case letters, digits or dashes, starting and ending with a letter or digit");
        }
        return id;
    }

    public static String random() {
        StringBuilder id = new StringBuilder("t-");
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
