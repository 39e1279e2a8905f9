package io.herald.core.delivery;

import java.time.Duration;

/**
 * A provider refused or failed to take a message, classified so that the sender knows what to do: retry later
 * (rate limit, transient), stop and tell the operator (authentication), or record the message as failed for good
 * (invalid recipient, rejected content).
 */
public class DeliveryException extends RuntimeException {

    /** Why the provider did not take the message. */
    public enum Reason {
        /** Credentials missing, wrong or revoked: every further send fails the same way. */
        AUTHENTICATION(false),
        /** The provider asks us to slow down; {@link #retryAfter()} says for how long when it told us. */
        RATE_LIMITED(true),
        /** A 5xx, a timeout or a dropped connection: the same message may succeed later. */
        TRANSIENT(true),
        /** The address is malformed, unknown or on the provider's own suppression list. */
        INVALID_RECIPIENT(false),
        /** The provider refused the content or the sender (unverified domain, size, policy). */
        REJECTED_CONTENT(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    public DeliveryException(Reason reason, Duration retryAfter, String detail) {
        super(detail);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public DeliveryException(Reason reason, Duration retryAfter, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long the provider asked us to wait, or null when it did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
