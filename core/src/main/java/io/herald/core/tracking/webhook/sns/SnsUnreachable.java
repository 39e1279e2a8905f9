package io.herald.core.tracking.webhook.sns;

/** SNS could not be asked (no connection, TLS failure, timeout, a 5xx): worth a retry, by Herald and by SNS. */
public class SnsUnreachable extends RuntimeException {

    public SnsUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
