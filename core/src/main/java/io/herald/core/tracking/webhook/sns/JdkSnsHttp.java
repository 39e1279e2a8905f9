package io.herald.core.tracking.webhook.sns;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;

/**
 * {@link SnsHttp} over the JDK's HTTP client: HTTPS with the JDK's trust store (the TLS handshake is what proves a
 * certificate came from Amazon SNS), no redirects, a short timeout, and a retry under SmallRye Fault Tolerance for
 * a dropped connection or a 5xx, so that one bad moment of the network does not refuse a genuine message.
 */
@ApplicationScoped
public class JdkSnsHttp implements SnsHttp {

    private final HttpClient client;
    private final SnsConfig config;

    public JdkSnsHttp(SnsConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.connectTimeout())
                .build();
    }

    @Override
    @Retry(maxRetries = 2, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = SnsUnreachable.class)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public Answer get(SnsUrl url) {
        HttpRequest request = HttpRequest.newBuilder(target(url))
                .timeout(config.requestTimeout())
                .header("User-Agent", "Herald SNS receiver")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new SnsUnreachable("SNS did not answer " + url.uri().getHost() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnsUnreachable("interrupted while asking SNS", e);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BODY);
            if (response.statusCode() >= 500) {
                throw new SnsUnreachable("SNS answered HTTP " + response.statusCode(), null);
            }
            return new Answer(response.statusCode(), bytes);
        } catch (IOException e) {
            throw new SnsUnreachable("SNS's answer broke off: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Where the request goes: the admitted URL itself. Production never changes it; a test subclass (in the api's
     * test sources only) sends the same admitted URLs to a local stub instead of AWS.
     */
    protected URI target(SnsUrl url) {
        return url.uri();
    }
}
