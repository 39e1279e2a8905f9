package io.herald.providers.http;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.ProviderKind;
import io.herald.providers.ConnectFailure;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Classifies a call that got no HTTP or SMTP answer. A refused or unroutable connection sent nothing
 * ({@link ConnectFailure}, retried once at once); a TLS failure is the endpoint's or the settings' fault and will
 * not heal by itself; anything else (a timeout, a dropped connection) is transient, and the provider may already
 * have accepted the message, which the detail says.
 */
public final class TransportFailures {

    private TransportFailures() {
    }

    public static DeliveryException classify(ProviderKind kind, Throwable failure) {
        if (failure instanceof DeliveryException classified) {
            return classified;
        }
        if (find(failure, ConnectException.class) || find(failure, UnknownHostException.class)
                || find(failure, NoRouteToHostException.class) || hasClassNamed(failure, "ConnectTimeoutException")) {
            return new ConnectFailure(kind + ": cannot connect (" + simpleNames(failure) + ")", null);
        }
        if (find(failure, SSLException.class)) {
            return new DeliveryException(Reason.AUTHENTICATION, null, kind + ": TLS handshake failed (" + simpleNames(failure) + ")");
        }
        String timeout = find(failure, SocketTimeoutException.class) || hasClassNamed(failure, "Timeout") ? "timed out" : "connection lost";
        return new DeliveryException(Reason.TRANSIENT, null, kind + ": " + timeout + " (" + simpleNames(failure)
                + "); the provider may still have accepted the message");
    }

    private static boolean find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasClassNamed(Throwable failure, String part) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** The exception classes of the chain, never their messages (a message may quote a URL or a header). */
    private static String simpleNames(Throwable failure) {
        StringBuilder names = new StringBuilder();
        for (Throwable t = failure; t != null && names.length() < 200; t = t.getCause() == t ? null : t.getCause()) {
            names.append(names.isEmpty() ? "" : " < ").append(t.getClass().getSimpleName());
        }
        return names.toString();
    }
}
