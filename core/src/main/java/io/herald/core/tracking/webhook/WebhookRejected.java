package io.herald.core.tracking.webhook;

import io.herald.core.errors.HeraldException;

/**
 * A webhook that is refused: a wrong or missing signature or credentials (401), a stale or replayed one (401), a
 * body that is not what the provider sends (400), too large (413). Never a 5xx: a 5xx makes providers retry for
 * hours. Nothing of a refused webhook is applied.
 */
public class WebhookRejected extends HeraldException {

    public WebhookRejected(Kind kind, String detail) {
        super(kind, kind == Kind.UNAUTHORIZED ? "Unauthorized" : kind == Kind.INVALID_INPUT ? "Invalid webhook" : "Refused", detail);
    }

    public static WebhookRejected unauthenticated(String detail) {
        return new WebhookRejected(Kind.UNAUTHORIZED, detail);
    }

    public static WebhookRejected malformed(String detail) {
        return new WebhookRejected(Kind.INVALID_INPUT, detail);
    }
}
