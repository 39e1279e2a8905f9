package io.herald.providers.http;

import io.herald.core.delivery.DeliveryException.Reason;

/** What an HTTP status means when the provider's body says nothing more precise. */
public final class Statuses {

    private Statuses() {
    }

    public static Reason reason(int status) {
        if (status == 401 || status == 403) {
            return Reason.AUTHENTICATION;
        }
        if (status == 429) {
            return Reason.RATE_LIMITED;
        }
        if (status == 408 || status >= 500 || status < 400) {
            return Reason.TRANSIENT;
        }
        return Reason.REJECTED_CONTENT;
    }
}
