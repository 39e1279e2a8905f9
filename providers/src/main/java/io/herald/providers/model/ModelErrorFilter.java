package io.herald.api.content;

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
 * loses; the generation guard needs it to wait as long as the server asks. Registered globally for REST
 * clients, so it acts only on {@code .../chat/completions} calls. It lives here, not in core, because it is
 * a JAX-RS type; a future function module that generates content registers the same filter.
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
