package io.herald.providers;

import io.herald.core.delivery.OutboundEmail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key/value metadata every provider carries and echoes in its webhooks: the email's tags (campaign, variant)
 * plus Herald's message id and tenant under {@link OutboundEmail#MESSAGE_ID_TAG} and {@link OutboundEmail#TENANT_TAG},
 * which a tag of the same name cannot override.
 */
public final class Correlation {

    private Correlation() {
    }

    public static Map<String, String> of(OutboundEmail email) {
        Map<String, String> values = new LinkedHashMap<>();
        if (email.tags() != null) {
            values.putAll(email.tags());
        }
        values.put(OutboundEmail.MESSAGE_ID_TAG, email.messageId());
        values.put(OutboundEmail.TENANT_TAG, email.tenantId());
        return values;
    }

    /** The email's headers with Herald's message id header added (a fallback where metadata is lost). */
    public static Map<String, String> headers(OutboundEmail email) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (email.headers() != null) {
            headers.putAll(email.headers());
        }
        headers.put(OutboundEmail.MESSAGE_ID_HEADER, email.messageId());
        return headers;
    }
}
