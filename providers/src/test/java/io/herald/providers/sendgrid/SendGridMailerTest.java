package io.herald.providers.sendgrid;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.Fixtures;
import io.herald.providers.ProviderGuards;
import io.herald.providers.ProviderStubs;
import io.herald.providers.ProvidersConfig;
import io.herald.providers.TestConfig;
import io.herald.providers.TestEmails;
import io.herald.providers.http.HttpExchange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.providers.Failures.allMessages;
import static io.herald.providers.Failures.failure;
import static io.herald.providers.ProviderStubs.wireMock;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class SendGridMailerTest {

    private static final ProviderCredentials KEY = new ProviderCredentials(ProviderKind.sendgrid, Map.of("apiKey", "SG.test"));

    @Inject
    SendGridMailer mailer;

    @BeforeEach
    void reset() {
        wireMock().resetAll();
    }

    private void answer(String fixture) {
        wireMock().stubFor(post("/v3/mail/send").willReturn(Fixtures.http("sendgrid/" + fixture).asResponse()));
    }

    @Test
    void theDocumentedRequestCarriesHeraldsMessageIdInCustomArgs() {
        answer("sendgrid-send-response-202.http");
        String documented = Fixtures.text("sendgrid/sendgrid-send-request.json");
        Map<String, String> headers = new ObjectMapper().convertValue(HttpExchange.json(documented).path("headers"), new TypeReference<>() { });
        OutboundEmail email = TestEmails.email("from_address@example.com", "example@example.com", "Hello, World!", null,
                "Hello, World!", headers, Map.of("userid", "1123"));

        SendReceipt receipt = mailer.send(email, KEY);

        assertThat(receipt).isEqualTo(new SendReceipt(ProviderKind.sendgrid, "XBg2anf2TqCy6WXKQFhieQ"));
        wireMock().verify(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withHeader("Authorization", equalTo("Bearer SG.test"))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(equalToJson(documented, true, true))
                .withRequestBody(matchingJsonPath("$.personalizations[0].custom_args.herald-message-id", equalTo(email.messageId())))
                .withRequestBody(matchingJsonPath("$.personalizations[0].custom_args.herald-tenant", equalTo(email.tenantId())))
                .withRequestBody(matchingJsonPath("$.headers.X-Herald-Message-Id", equalTo(email.messageId()))));
    }

    @Test
    void textComesBeforeHtmlAndTheDisplayNameAndReplyToAreKept() {
        answer("sendgrid-send-response-202.http");

        mailer.send(TestEmails.simple(), KEY);

        wireMock().verify(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withRequestBody(matchingJsonPath("$.content[0].type", equalTo("text/plain")))
                .withRequestBody(matchingJsonPath("$.content[1].type", equalTo("text/html")))
                .withRequestBody(matchingJsonPath("$.content[1].value", equalTo("<p>Hello <b>Ada</b></p>")))
                .withRequestBody(matchingJsonPath("$.from.name", equalTo("Acme News")))
                .withRequestBody(matchingJsonPath("$.from.email", equalTo("news@acme.example")))
                .withRequestBody(matchingJsonPath("$.reply_to.email", equalTo("support@acme.example")))
                .withRequestBody(matchingJsonPath("$.personalizations[0].custom_args.campaign", equalTo("c-1"))));
    }

    @Test
    void sendGridsOwnClickAndOpenTrackingIsOffSinceHeraldTracks() {
        answer("sendgrid-send-response-202.http");

        mailer.send(TestEmails.simple(), KEY);

        wireMock().verify(postRequestedFor(urlEqualTo("/v3/mail/send"))
                .withRequestBody(matchingJsonPath("$.tracking_settings.click_tracking.enable", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.tracking_settings.click_tracking.enable_text", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.tracking_settings.open_tracking.enable", equalTo("false"))));
    }

    @Test
    void anEuTenantIsSentToTheEuBaseUrl() {
        wireMock().stubFor(post("/eu/v3/mail/send").willReturn(Fixtures.http("sendgrid/sendgrid-send-response-202.http").asResponse()));

        mailer.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.sendgrid, Map.of("apiKey", "SG.eu", "region", "eu")));

        wireMock().verify(1, postRequestedFor(urlEqualTo("/eu/v3/mail/send")));
        wireMock().verify(0, postRequestedFor(urlEqualTo("/v3/mail/send")));
    }

    @ParameterizedTest
    @CsvSource({
            "sendgrid-error-400-invalid-recipient.http, INVALID_RECIPIENT",
            "sendgrid-error-400-validation.http, REJECTED_CONTENT",
            "sendgrid-error-401-auth.http, AUTHENTICATION",
            "sendgrid-error-401-auth-spec-example.http, AUTHENTICATION",
            "sendgrid-error-403-sender-identity.http, REJECTED_CONTENT",
            "sendgrid-error-413-too-large.http, REJECTED_CONTENT",
            "sendgrid-error-429-rate-limit.http, RATE_LIMITED",
            "sendgrid-error-500.http, TRANSIENT"})
    void everyDocumentedErrorIsClassified(String fixture, Reason reason) {
        answer(fixture);

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEY));

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.getMessage()).startsWith("sendgrid: HTTP " + Fixtures.http("sendgrid/" + fixture).status());
    }

    @Test
    void aKeyWithoutTheMailSendScopeIsAnAuthenticationFailure() {
        wireMock().stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}")));

        assertThat(failure(() -> mailer.send(TestEmails.simple(), KEY)).reason()).isEqualTo(Reason.AUTHENTICATION);
    }

    @Test
    void aRateLimitCarriesTheWaitUntilXRateLimitReset() {
        long reset = Long.parseLong(Fixtures.http("sendgrid/sendgrid-error-429-rate-limit.http").headers().get("X-RateLimit-Reset"));
        QuarkusMock.installMockForType(Clock.fixed(Instant.ofEpochSecond(reset).minusSeconds(42), ZoneOffset.UTC), Clock.class);
        answer("sendgrid-error-429-rate-limit.http");

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEY));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void aSlowAnswerIsTransient() {
        wireMock().stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(202).withFixedDelay(12_000)));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEY));

        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(failure.getMessage()).contains("may still have accepted");
        assertThat(io.herald.providers.Failures.saysMaybeSent(failure)).as("a lost answer is never sent again").isTrue();
    }

    @Test
    void anAnswered5xxSaysTheProviderDidNotTakeIt() {
        answer("sendgrid-error-500.http");

        assertThat(io.herald.providers.Failures.saysMaybeSent(failure(() -> mailer.send(TestEmails.simple(), KEY)))).isFalse();
    }

    @Test
    void anErrorThatEchoesTheKeyDoesNotCarryItIntoTheException() {
        wireMock().stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[{\"message\":\"key SG.very-secret-key is revoked\"}]}")));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(),
                new ProviderCredentials(ProviderKind.sendgrid, Map.of("apiKey", "SG.very-secret-key"))));

        assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(allMessages(failure)).doesNotContain("very-secret-key").contains("***");
    }

    @Test
    void aTenantBaseUrlIsRefusedUnlessTheOperatorAllowsIt() {
        ProviderCredentials elsewhere = new ProviderCredentials(ProviderKind.sendgrid,
                Map.of("apiKey", "SG.test", "baseUrl", wireMock().baseUrl() + "/tenant"));

        DeliveryException refused = failure(() -> mailer.send(TestEmails.simple(), elsewhere));

        assertThat(refused.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(refused.getMessage()).contains("herald.providers.allow-tenant-base-url");
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void anAllowedTenantBaseUrlReplacesTheProvidersAddress() {
        wireMock().stubFor(post("/tenant/v3/mail/send").willReturn(Fixtures.http("sendgrid/sendgrid-send-response-202.http").asResponse()));
        ProvidersConfig allowing = TestConfig.providers(Map.of("herald.providers.allow-tenant-base-url", "true"));
        SendGridMailer stubbed = new SendGridMailer(allowing, new ProviderGuards(allowing), Clock.systemUTC());

        stubbed.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.sendgrid,
                Map.of("apiKey", "SG.test", "baseUrl", wireMock().baseUrl() + "/tenant/")));

        wireMock().verify(1, postRequestedFor(urlEqualTo("/tenant/v3/mail/send")).withHeader("Authorization", equalTo("Bearer SG.test")));
    }

    @Test
    void missingCredentialsFailBeforeAnyRequest() {
        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.sendgrid, Map.of())));

        assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }
}
