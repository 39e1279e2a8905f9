package io.herald.core.tracking.outbound;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The JDK's HTTP client (no extra HTTP stack in the native image): one timeout for the whole attempt
 * ({@link WebhookConfig#timeout()}), redirects never followed, the answer's body discarded (a receiver's error page is
 * not Herald's to keep).
 */
@ApplicationScoped
public class HttpWebhookTransport implements WebhookTransport {

    private final WebhookConfig config;
    private final HttpClient client;

    public HttpWebhookTransport(WebhookConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Answer post(String url, Map<String, String> headers, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").map(HttpWebhookTransport::seconds).orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.strip());
        } catch (NumberFormatException httpDate) {
            return null;
        }
    }
}
