package io.herald.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.ProviderGuards;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/** One guarded HTTP call to a provider: the request, the answer read in full, the provider's reading of it. */
public final class HttpExchange {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpExchange() {
    }

    /**
     * Sends under the endpoint's guard. A call without an answer is classified by {@link TransportFailures};
     * an answer by {@code interpret}, which returns the receipt or throws the classified {@code DeliveryException},
     * inside the guard, so that 5xx answers count against the circuit.
     */
    public static SendReceipt send(ProviderGuards guards, ProviderKind kind, URI baseUrl, Supplier<Response> request,
            Function<HttpAnswer, SendReceipt> interpret) {
        return guards.call(kind, baseUrl.toString(), SendReceipt.class, () -> {
            HttpAnswer answer;
            try {
                answer = HttpAnswer.read(request.get());
            } catch (RuntimeException noAnswer) {
                throw TransportFailures.classify(kind, noAnswer);
            }
            return interpret.apply(answer);
        });
    }

    /** The body as JSON, or a missing node when it is not JSON (error bodies are not always what the docs say). */
    public static JsonNode json(String body) {
        try {
            JsonNode tree = body == null || body.isBlank() ? null : JSON.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (Exception notJson) {
            return MissingNode.getInstance();
        }
    }
}
