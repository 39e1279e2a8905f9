package io.herald.providers.http;

import io.herald.providers.ProvidersConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Quarkus REST clients of one provider API, one per base URL (there are at most two: a region's and the EU's).
 * Credentials travel as per-call headers, so a client holds no secret. The default exception mapper is off: every
 * status comes back as a response for the provider's own classification.
 */
public final class RestClients<A> {

    private final Class<A> api;
    private final ProvidersConfig config;
    private final Map<URI, A> clients = new ConcurrentHashMap<>();

    public RestClients(Class<A> api, ProvidersConfig config) {
        this.api = api;
        this.config = config;
    }

    public A at(URI baseUrl) {
        return clients.computeIfAbsent(baseUrl, url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(api));
    }
}
