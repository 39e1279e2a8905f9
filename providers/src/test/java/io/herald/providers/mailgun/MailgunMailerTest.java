package io.herald.providers.mailgun;

import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.Fixtures;
import io.herald.providers.ProviderStubs;
import io.herald.providers.TestEmails;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.providers.Failures.allMessages;
import static io.herald.providers.Failures.failure;
import static io.herald.providers.ProviderStubs.wireMock;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class MailgunMailerTest {

    private static final String PATH = "/v3/mg.example.com/messages";
    private static final ProviderCredentials KEY = new ProviderCredentials(ProviderKind.mailgun,
            Map.of("apiKey", "key-test", "domain", "mg.example.com"));

    @Inject
    MailgunMailer mailer;

    @BeforeEach
    void reset() {
        wireMock().resetAll();
    }

    private void answer(String fixture) {
        wireMock().stubFor(post(PATH).willReturn(Fixtures.http("mailgun/" + fixture).asResponse()));
    }

    @Test
    void theDocumentedFieldsReachTheWireWithHeraldsMessageIdAsAVariable() {
        answer("mailgun-send-response-200.http");
        Fixtures.HttpMessage documented = Fixtures.http("mailgun/mailgun-send-request.http");
        Map<String, String> fields = Fixtures.formFields(documented);
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> variables = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("h:")) {
                headers.put(name.substring(2), value);
            } else if (name.startsWith("v:")) {
                variables.put(name.substring(2), value);
            }
        });
        OutboundEmail email = TestEmails.email(fields.get("from"), fields.get("to"), fields.get("subject"), null,
                fields.get("text"), headers, variables);

        SendReceipt receipt = mailer.send(email, KEY);

        assertThat(receipt).isEqualTo(new SendReceipt(ProviderKind.mailgun, "20111114174239.25659.5817@samples.mailgun.org"));
        var request = postRequestedFor(urlEqualTo(documented.startLine().split(" ")[1]))
                .withHeader("Authorization", equalTo(documented.headers().get("Authorization")))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("v:herald-message-id", equalTo(email.messageId()))
                .withFormParam("v:herald-tenant", equalTo(email.tenantId()))
                .withFormParam("h:X-Herald-Message-Id", equalTo(email.messageId()))
                // Herald tracks first-party: Mailgun must not add its own pixel or rewrite links
                .withFormParam("o:tracking", equalTo("no"))
                .withFormParam("o:tracking-clicks", equalTo("no"))
                .withFormParam("o:tracking-opens", equalTo("no"));
        fields.forEach((name, value) -> request.withFormParam(name, equalTo(value)));
        wireMock().verify(1, request);
    }

    @Test
    void htmlAndReplyToTravelAsFieldsAndAnEuDomainUsesTheEuBaseUrl() {
        wireMock().stubFor(post("/eu" + PATH).willReturn(Fixtures.http("mailgun/mailgun-send-response-200.http").asResponse()));

        mailer.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.mailgun,
                Map.of("apiKey", "key-eu", "domain", "mg.example.com", "region", "eu")));

        wireMock().verify(1, postRequestedFor(urlEqualTo("/eu" + PATH))
                .withFormParam("html", equalTo("<p>Hello <b>Ada</b></p>"))
                .withFormParam("text", equalTo("Hello Ada"))
                .withFormParam("h:Reply-To", equalTo("support@acme.example"))
                .withFormParam("v:campaign", equalTo("c-1")));
        wireMock().verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @ParameterizedTest
    @CsvSource({
            "mailgun-error-400-invalid-recipient.http, INVALID_RECIPIENT",
            "mailgun-error-400-validation.http, REJECTED_CONTENT",
            "mailgun-error-401-auth.http, AUTHENTICATION",
            "mailgun-error-429-rate-limit.http, RATE_LIMITED",
            "mailgun-error-500.http, TRANSIENT"})
    void everyDocumentedErrorIsClassified(String fixture, Reason reason) {
        answer(fixture);

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEY));

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(failure.getMessage()).startsWith("mailgun: HTTP " + Fixtures.http("mailgun/" + fixture).status());
    }

    @Test
    void theRateLimitsWaitIsReadFromItsText() {
        answer("mailgun-error-429-rate-limit.http");

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEY));

        assertThat(failure.reason()).as(failure.getMessage()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theRateLimitsWaitIsReadFromTheDateFormToo() {
        ZonedDateTime now = ZonedDateTime.of(2021, 12, 20, 20, 30, 21, 0, ZoneOffset.UTC);
        QuarkusMock.installMockForType(Clock.fixed(now.toInstant(), ZoneOffset.UTC), Clock.class);
        wireMock().stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Domain example.com is not allowed to send: request limit exceeded, try again after Mon, 20 Dec 2021 20:33:21 UTC\"}")));

        assertThat(failure(() -> mailer.send(TestEmails.simple(), KEY)).retryAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void anUnknownDomainIsASettingsProblem() {
        wireMock().stubFor(post(PATH).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Domain not found: mg.example.com\"}")));

        assertThat(failure(() -> mailer.send(TestEmails.simple(), KEY)).reason()).isEqualTo(Reason.AUTHENTICATION);
    }

    @Test
    void aDomainThatIsNotAHostNameIsRefusedBeforeAnyRequest() {
        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.mailgun,
                Map.of("apiKey", "key-test", "domain", "../../v4/other"))));

        assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(wireMock().getAllServeEvents()).isEmpty();
    }

    @Test
    void anErrorThatEchoesTheKeyDoesNotCarryIt() {
        wireMock().stubFor(post(PATH).willReturn(aResponse().withStatus(401).withBody("Forbidden: key-very-secret")));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), new ProviderCredentials(ProviderKind.mailgun,
                Map.of("apiKey", "key-very-secret", "domain", "mg.example.com"))));

        assertThat(allMessages(failure)).doesNotContain("key-very-secret");
    }
}
