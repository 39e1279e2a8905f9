package io.herald.core.delivery;

import java.util.Map;

/**
 * A tenant's decrypted settings for one provider, as the {@link Mailer} needs them. Never logged or returned:
 * {@link #toString()} names the keys only.
 *
 * @param kind which provider
 * @param values the provider's settings (for example {@code apiKey}, {@code domain}, {@code region},
 *               {@code serverToken}, {@code host}); which keys each provider needs is its Mailer's business
 */
public record ProviderCredentials(ProviderKind kind, Map<String, String> values) {

    public String require(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new DeliveryException(DeliveryException.Reason.AUTHENTICATION, null,
                    kind + " credentials lack '" + key + "'");
        }
        return value;
    }

    public String optional(String key, String fallback) {
        String value = values.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return "ProviderCredentials[" + kind + ", keys=" + values.keySet() + "]";
    }
}
