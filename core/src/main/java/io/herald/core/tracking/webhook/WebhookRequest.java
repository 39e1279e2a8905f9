package io.herald.core.tracking.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A provider's POST exactly as it arrived: verification reads these raw bytes before anything parses them.
 *
 * @param tenantId the tenant whose receiver URL was called
 * @param headers the request headers, looked up case-insensitively through {@link #header(String)}
 * @param body the raw body, never re-serialized
 * @param receivedAt when it arrived (Herald's clock)
 */
public record WebhookRequest(String tenantId, Map<String, String> headers, byte[] body, Instant receivedAt) {

    public WebhookRequest {
        TreeMap<String, String> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            insensitive.putAll(headers);
        }
        headers = java.util.Collections.unmodifiableMap(insensitive);
        body = body == null ? new byte[0] : body;
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
