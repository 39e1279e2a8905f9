package io.herald.providers;

import io.herald.core.delivery.DeliveryException;

/**
 * The provider could not be reached at all (refused, unknown host, connect timeout): nothing was sent, so this one
 * failure, unlike a lost answer, may be retried at once without any risk of a duplicate.
 */
public class ConnectFailure extends DeliveryException {

    public ConnectFailure(String detail, Throwable cause) {
        super(Reason.TRANSIENT, null, detail, cause);
    }
}
