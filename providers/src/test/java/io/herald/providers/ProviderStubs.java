package io.herald.providers;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

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
        return Map.of(
                "herald.providers.sendgrid.base-url", base,
                "herald.providers.sendgrid.eu-base-url", base + "/eu",
                "herald.providers.mailgun.base-url", base,
                "herald.providers.mailgun.eu-base-url", base + "/eu",
                "herald.providers.postmark.base-url", base,
                "herald.providers.ses.endpoint-override", base);
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }
}
