package io.herald.core.content.generation;

import dev.langchain4j.exception.ContentFilteredException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** Reads a failed model call: whether a retry can help, how long to wait, and how to explain it. */
public final class ModelFailures {

    private ModelFailures() {
    }

    /** Rate limits (except an exhausted quota), server errors and timeouts are transient; everything else is not. */
    public static boolean isTransient(Throwable failure) {
        Optional<ModelHttpException> http = find(failure, ModelHttpException.class);
        if (http.isPresent()) {
            int status = http.get().statusCode();
            return (status == 429 && !http.get().quotaExhausted()) || status == 408 || status >= 500;
        }
        return isTimeout(failure);
    }

    /** What the circuit breaker counts: transient failures and an exhausted quota, not a request the server refused. */
    public static boolean countsAgainstCircuit(Throwable failure) {
        return isTransient(failure) || find(failure, ModelHttpException.class).map(ModelHttpException::quotaExhausted).orElse(false);
    }

    /** The circuit breaker refused the call without trying it: the model failed repeatedly just before. */
    public static boolean isCircuitOpen(Throwable failure) {
        return find(failure, CircuitBreakerOpenException.class).isPresent();
    }

    public static Optional<Duration> retryAfter(Throwable failure) {
        return find(failure, ModelHttpException.class).flatMap(ModelHttpException::retryAfter);
    }

    static boolean isTimeout(Throwable failure) {
        return find(failure, TimeoutException.class).isPresent()
                || find(failure, SocketTimeoutException.class).isPresent()
                || find(failure, dev.langchain4j.exception.TimeoutException.class).isPresent()
                || find(failure, java.util.concurrent.TimeoutException.class).isPresent();
    }

    /** A reason for the response's {@code fallbackReason}: what happened, never the prompt or the content. */
    public static String describe(Throwable failure) {
        Optional<ModelHttpException> http = find(failure, ModelHttpException.class);
        if (http.isPresent()) {
            ModelHttpException e = http.get();
            if (e.quotaExhausted()) {
                return "model quota exhausted (HTTP 429 insufficient_quota); not retried";
            }
            String code = e.errorCode().map(c -> " " + c).orElse("");
            return switch (e.statusCode()) {
                case 429 -> "model rate limit (HTTP 429" + code + ")";
                case 401, 403 -> "model server refused the API key (HTTP " + e.statusCode() + ")";
                case 404 -> "model or endpoint not found (HTTP 404" + code + ")";
                default -> e.statusCode() >= 500
                        ? "model server error (HTTP " + e.statusCode() + ")"
                        : "model server rejected the request (HTTP " + e.statusCode() + code + ")";
            };
        }
        if (find(failure, CircuitBreakerOpenException.class).isPresent()) {
            return "circuit breaker open after repeated model failures";
        }
        if (isTimeout(failure)) {
            return "model call timed out";
        }
        Optional<ContentFilteredException> filtered = find(failure, ContentFilteredException.class);
        if (filtered.isPresent()) {
            return "model refused: " + shorten(filtered.get().getMessage());
        }
        String message = failure.getMessage();
        if (message != null && message.contains("no choices")) {
            return "model answer had no choices";
        }
        return "model call failed: " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + shorten(message));
    }

    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
