package io.herald.core.campaign.sending;

import io.herald.core.delivery.DeliveryException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Whether a retryable provider failure might have delivered the message anyway. A refused connection, an unknown
 * host or an answer (429, 5xx: the provider said it did not take it) means it surely did not; a timeout or a
 * dropped connection after the request went out means nobody knows, and such a message is never sent again.
 */
final class DeliveryOutcomes {

    private DeliveryOutcomes() {
    }

    static boolean mayHaveReachedProvider(DeliveryException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return false;
            }
            if (cause instanceof SocketTimeoutException timeout) {
                return !String.valueOf(timeout.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect");
            }
            if (cause instanceof InterruptedIOException || cause instanceof java.util.concurrent.TimeoutException
                    || cause.getClass().getName().endsWith("TimeoutException")) {
                return true;
            }
            if (cause instanceof java.io.IOException) {
                return true; // reset or closed mid-exchange
            }
        }
        // No transport cause: the provider answered (429, 503...) and refused the message.
        return false;
    }
}
