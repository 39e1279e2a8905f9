package io.herald.providers;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.ProviderKind;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The fault tolerance around every provider call, built from {@link ProvidersConfig}: a timeout, one quick retry
 * when the connection was refused (nothing was sent, so it cannot duplicate), and a circuit breaker per provider
 * endpoint (an SMTP host, an HTTP base URL), so one tenant's dead SMTP relay does not stop another tenant's mail.
 * No longer retries: the worker puts a retryable message back on its queue instead of sleeping in a Lambda.
 * Only transient failures count against a circuit; a tenant's bad key or a refused recipient does not.
 */
@ApplicationScoped
public class ProviderGuards {

    private final ProvidersConfig config;
    private final Map<String, Guard> guards;

    public ProviderGuards(ProvidersConfig config) {
        this.config = config;
        this.guards = Lru.map(config.maxCachedClients() * 4, ignored -> { });
    }

    /**
     * Runs one provider call under its endpoint's guard. Whatever goes wrong leaves as a {@link DeliveryException}:
     * the action's own, or a transient one for a timeout, an open circuit or anything unexpected.
     */
    public <T> T call(ProviderKind kind, String endpoint, Class<T> type, Callable<T> action) {
        Guard guard;
        synchronized (guards) {
            guard = guards.computeIfAbsent(kind + " " + endpoint, key -> build(kind));
        }
        try {
            return guard.call(action, type);
        } catch (DeliveryException classified) {
            throw classified;
        } catch (TimeoutException e) {
            // The cause's type tells the sender the request may have gone out (so the message is never sent again).
            throw new DeliveryException(Reason.TRANSIENT, null, kind + ": no answer within " + config.timeout()
                    + " (the provider may still have accepted the message)", new java.util.concurrent.TimeoutException("no answer"));
        } catch (CircuitBreakerOpenException e) {
            throw new DeliveryException(Reason.TRANSIENT, config.circuitDelay(), kind + ": circuit open after repeated failures of "
                    + endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(Reason.TRANSIENT, null, kind + ": interrupted while sending",
                    new java.io.InterruptedIOException("interrupted; the provider may have the message"));
        } catch (Exception unexpected) {
            // The class only: an unexpected exception's message might quote a request, and with it a secret. Nobody
            // knows how far the call got, so the cause says "maybe sent" and the message is not sent again.
            throw new DeliveryException(Reason.TRANSIENT, null, kind + ": unexpected " + unexpected.getClass().getName(),
                    new java.io.IOException("unexpected failure; the provider may have the message"));
        }
    }

    private Guard build(ProviderKind kind) {
        return Guard.create()
                .withDescription(kind + " send")
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry()
                    .maxRetries(1)
                    .delay(config.connectRetryDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(ConnectFailure.class::isInstance)
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(config.circuitRequestVolume())
                    .failureRatio(config.circuitFailureRatio())
                    .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(ProviderGuards::countsAgainstCircuit)
                    .done()
                .build();
    }

    static boolean countsAgainstCircuit(Throwable failure) {
        return !(failure instanceof DeliveryException classified) || classified.reason() == Reason.TRANSIENT;
    }
}
