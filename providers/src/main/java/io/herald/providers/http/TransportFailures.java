package io.herald.providers.http;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.ProviderKind;
import io.herald.providers.ConnectFailure;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * Classifies a call that got no HTTP or SMTP answer. A refused or unroutable connection sent nothing
 * ({@link ConnectFailure}, retried once at once); a TLS failure is the endpoint's or the settings' fault and will
 * not heal by itself; anything else (a timeout, a dropped connection) is transient, and the provider may already
 * have accepted the message, which the detail says.
 * <p>
 * The sender reads "might the provider have it?" from the cause's type (a {@code ConnectException}: surely not; a
 * timeout or another {@code IOException}: maybe, so never send again). The cause is therefore a fresh exception of
 * the telling type, without the original's message, which might quote a URL or a header.
 */
public final class TransportFailures {

    private TransportFailures() {
    }

    public static DeliveryException classify(ProviderKind kind, Throwable failure) {
        if (failure instanceof DeliveryException classified) {
            return classified;
        }
        if (find(failure, ConnectException.class) || find(failure, UnknownHostException.class)
                || find(failure, NoRouteToHostException.class) || hasClassNamed(failure, "ConnectTimeoutException")
                || connectTimeout(failure)) {
            return new ConnectFailure(kind + ": cannot connect (" + simpleNames(failure) + ")",
                    new ConnectException("no connection: nothing was sent"));
        }
        if (find(failure, SSLException.class)) {
            return new DeliveryException(Reason.AUTHENTICATION, null, kind + ": TLS handshake failed (" + simpleNames(failure) + ")");
        }
        boolean timedOut = find(failure, SocketTimeoutException.class) || hasClassNamed(failure, "Timeout");
        return new DeliveryException(Reason.TRANSIENT, null, kind + ": " + (timedOut ? "timed out" : "connection lost") + " ("
                + simpleNames(failure) + "); the provider may still have accepted the message",
                timedOut ? new SocketTimeoutException("no answer") : new IOException("connection lost during the exchange"));
    }

    /** The URL-connection client reports a connect timeout as a SocketTimeoutException "Connect timed out". */
    private static boolean connectTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
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
