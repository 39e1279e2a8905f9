package io.herald.core.tracking.outbound;

import java.util.Map;

/** The one POST of an attempt; a seam so that the delivery rules can be tested without a network. */
public interface WebhookTransport {

    /**
     * POSTs the body with the headers, once: no retry (the queue retries), no redirect (a 3xx is a failure).
     *
     * @return what the endpoint answered
     * @throws java.io.IOException when there was no answer (refused, reset, timed out)
     */
    Answer post(String url, Map<String, String> headers, byte[] body) throws java.io.IOException;

    /**
     * @param status the HTTP status
     * @param retryAfterSeconds the {@code Retry-After} header in seconds, or null
     */
    record Answer(int status, Long retryAfterSeconds) {
    }
}
