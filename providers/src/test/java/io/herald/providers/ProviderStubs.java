package io.herald.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * One WireMock server on a free port standing in for every HTTP provider (SendGrid, Mailgun, Postmark, SES's
 * REST-JSON API); the EU base URLs are the same server under {@code /eu}, so a test can see which one was used.
 */
public class ProviderStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer wireMock;

    public static WireMockServer wireMock() {
        return wireMock;
    }

    @Override
    public Map<String, String> start() {
        wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        String base = wireMock.baseUrl();
        warmUp(base);
        return Map.of(
                "herald.providers.sendgrid.base-url", base,
                "herald.providers.sendgrid.eu-base-url", base + "/eu",
                "herald.providers.mailgun.base-url", base,
                "herald.providers.mailgun.eu-base-url", base + "/eu",
                "herald.providers.postmark.base-url", base,
                "herald.providers.ses.endpoint-override", base);
    }

    /**
     * WireMock's first request loads much of Jetty and its matchers (seconds on a busy machine); without this, the
     * first provider test of a run pays for it and can exceed the provider timeout.
     */
    private static void warmUp(String base) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String type : new String[] {"application/json", "application/x-www-form-urlencoded"}) {
            try {
                client.send(HttpRequest.newBuilder(URI.create(base + "/warm-up")).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString(type.endsWith("json") ? "{}" : "a=b")).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }
}
