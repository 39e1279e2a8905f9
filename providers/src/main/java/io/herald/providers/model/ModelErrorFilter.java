package io.herald.providers.model;

import io.herald.core.content.generation.ModelHttpException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns an error answer of the model server's chat-completions endpoint into a {@link ModelHttpException}
 * carrying its {@code retry-after} header, which the exception quarkus-langchain4j builds from the body alone
 * loses; the generation guard needs it to wait as long as the server asks, and to tell an exhausted quota from a
 * rate limit. A {@code @Provider} in this module's Jandex index, so every Quarkus application that depends on
 * herald-providers registers it globally for its REST clients, the langchain4j model client among them; it acts only
 * on {@code .../chat/completions} calls. Not in core, because it is a JAX-RS type.
 */
@Provider
public class ModelErrorFilter implements ClientResponseFilter {

    private static final int MAX_BODY = 16 * 1024;

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatus() < 400 || !request.getUri().getPath().endsWith("/chat/completions")) {
            return;
        }
        String body = "";
        if (response.hasEntity()) {
            try (InputStream in = response.getEntityStream()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
        }
        throw ModelHttpException.of(response.getStatus(), body, response.getHeaderString("retry-after-ms"),
                response.getHeaderString("retry-after"));
    }
}
