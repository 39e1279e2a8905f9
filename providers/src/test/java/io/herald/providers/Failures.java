package io.herald.providers;

import io.herald.core.delivery.DeliveryException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Runs a send that must fail and returns its classified failure. */
public final class Failures {

    private Failures() {
    }

    public static DeliveryException failure(ThrowingCallable send) {
        Throwable thrown = catchThrowable(send);
        assertThat(thrown).as("the send must fail with a classified DeliveryException").isInstanceOf(DeliveryException.class);
        return (DeliveryException) thrown;
    }

    /**
     * Whether the failure's cause tells the sender "the provider may have it" (a timeout or another I/O failure after
     * the request went out), the way the worker's sender reads it; a {@code ConnectException} says "surely not".
     */
    public static boolean saysMaybeSent(DeliveryException failure) {
        Throwable cause = failure.getCause();
        return cause instanceof java.util.concurrent.TimeoutException
                || cause instanceof java.io.IOException && !(cause instanceof java.net.ConnectException);
    }

    /** The failure's message and every cause's, for checks that no secret leaks. */
    public static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
