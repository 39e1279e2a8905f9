package io.herald.providers;

import io.herald.core.delivery.ProviderCredentials;

import java.util.Locale;
import java.util.Map;

/**
 * Keeps credentials out of failure details: text a provider sent back (which might echo a request) is shortened,
 * stripped of control characters, and every secret value of the tenant's credentials is masked in it.
 */
public final class Secrets {

    private static final int MAX_DETAIL = 300;

    private Secrets() {
    }

    /** Whether a credentials key names a secret (an API key, a token, a password). */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("key") || lower.contains("token") || lower.contains("password") || lower.contains("secret");
    }

    /** Provider text made safe to put in an exception message or a log line. */
    public static String scrub(String text, ProviderCredentials credentials) {
        if (text == null) {
            return "";
        }
        String safe = text.replaceAll("[\\p{Cntrl}&&[^\\t]]+", " ").strip();
        for (Map.Entry<String, String> entry : credentials.values().entrySet()) {
            String value = entry.getValue();
            if (value != null && value.length() >= 4 && isSecret(entry.getKey())) {
                safe = safe.replace(value, "***");
            }
        }
        return safe.length() > MAX_DETAIL ? safe.substring(0, MAX_DETAIL) + "…" : safe;
    }
}
