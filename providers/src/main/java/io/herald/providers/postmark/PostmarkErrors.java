package io.herald.providers.postmark;

import io.herald.core.delivery.DeliveryException.Reason;

import java.util.Optional;

/**
 * Postmark's API error codes ({@code ErrorCode} in the body, with HTTP 422, and in a 200 of the batch API), read
 * by code and never by the message text, which Postmark changes.
 */
final class PostmarkErrors {

    private PostmarkErrors() {
    }

    /** The reason for a known code, or empty for one this table does not know (the HTTP status decides then). */
    static Optional<Reason> reason(int errorCode) {
        return Optional.ofNullable(switch (errorCode) {
            case 10 -> Reason.AUTHENTICATION;              // bad or missing server token
            case 405, 412, 413 -> Reason.AUTHENTICATION;   // not allowed to send, account pending, may not send
            case 100 -> Reason.TRANSIENT;                  // maintenance
            case 406 -> Reason.INVALID_RECIPIENT;          // inactive recipient (bounced, complained, suppressed)
            case 429 -> Reason.RATE_LIMITED;
            // invalid email request; sender signature missing or unconfirmed; JSON problems; batch too big; attachment
            case 300, 400, 401, 402, 403, 409, 410, 411 -> Reason.REJECTED_CONTENT;
            default -> null;
        });
    }
}
