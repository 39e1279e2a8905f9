package io.herald.providers.ses;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.DeliveryException.Reason;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.delivery.SendReceipt;
import io.herald.providers.Fixtures;
import io.herald.providers.ProviderStubs;
import io.herald.providers.TestEmails;
import io.herald.providers.http.HttpExchange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
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
class SesMailerTest {

    private static final String PATH = "/v2/email/outbound-emails";
    private static final ProviderCredentials KEYS = new ProviderCredentials(ProviderKind.ses,
            Map.of("region", "eu-west-1", "accessKeyId", "AKIATESTKEY", "secretAccessKey", "secret-test-value"));

    @Inject
    SesMailer mailer;

    @BeforeEach
    void reset() {
        wireMock().resetAll();
    }

    private void answer(String fixture) {
        wireMock().stubFor(post(PATH).willReturn(Fixtures.http("ses/" + fixture).asResponse()));
    }

    @Test
    void theDocumentedSendEmailRequestIsSignedAndCarriesHeraldsMessageIdAsATag() {
        answer("ses-send-email-response-200.http");
        String documented = Fixtures.text("ses/ses-send-email-request.json");
        JsonNode fixture = HttpExchange.json(documented);
        JsonNode simple = fixture.path("Content").path("Simple");
        Map<String, String> headers = new LinkedHashMap<>();
        simple.path("Headers").forEach(header -> headers.put(header.path("Name").asText(), header.path("Value").asText()));
        Map<String, String> tags = new LinkedHashMap<>();
        fixture.path("EmailTags").forEach(tag -> tags.put(tag.path("Name").asText(), tag.path("Value").asText()));
        OutboundEmail email = TestEmails.email(fixture.path("FromEmailAddress").asText(), fixture.path("Destination").path("ToAddresses").path(0).asText(),
                simple.path("Subject").path("Data").asText(), null, simple.path("Body").path("Text").path("Data").asText(), headers, tags);
        Map<String, String> values = new LinkedHashMap<>(KEYS.values());
        values.put("configurationSet", fixture.path("ConfigurationSetName").asText());

        SendReceipt receipt = mailer.send(email, new ProviderCredentials(ProviderKind.ses, values));

        assertThat(receipt).isEqualTo(new SendReceipt(ProviderKind.ses, "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000"));
        wireMock().verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIATESTKEY/\\d{8}/eu-west-1/ses/aws4_request, .*"))
                .withRequestBody(equalToJson(documented, true, true))
                .withRequestBody(matchingJsonPath("$.EmailTags[?(@.Name == 'herald-message-id')].Value", equalTo(email.messageId())))
                .withRequestBody(matchingJsonPath("$.EmailTags[?(@.Name == 'herald-tenant')].Value", equalTo(email.tenantId())))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Headers[?(@.Name == 'X-Herald-Message-Id')].Value", equalTo(email.messageId()))));
    }

    @Test
    void htmlTextAndReplyToAreSentAndTagsAreCutToSesCharacters() {
        answer("ses-send-email-response-200.http");
        OutboundEmail base = TestEmails.simple();
        OutboundEmail email = new OutboundEmail(base.messageId(), "tenant.a", base.from(), base.replyTo(), base.to(), base.subject(),
                base.html(), base.text(), base.headers(), Map.of("campaign", "spring sale/2026!"));

        mailer.send(email, KEYS);

        wireMock().verify(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Body.Html.Data", equalTo("<p>Hello <b>Ada</b></p>")))
                .withRequestBody(matchingJsonPath("$.Content.Simple.Body.Text.Data", equalTo("Hello Ada")))
                .withRequestBody(matchingJsonPath("$.ReplyToAddresses[0]", equalTo("support@acme.example")))
                .withRequestBody(matchingJsonPath("$.EmailTags[?(@.Name == 'campaign')].Value", equalTo("spring_sale_2026_")))
                .withRequestBody(matchingJsonPath("$.EmailTags[?(@.Name == 'herald-tenant')].Value", equalTo("tenant_a"))));
    }

    @ParameterizedTest
    @CsvSource({
            "ses-error-400-account-suspended.http, AUTHENTICATION",
            "ses-error-400-bad-request.http, REJECTED_CONTENT",
            "ses-error-400-limit-exceeded.http, RATE_LIMITED",
            "ses-error-400-mail-from-domain-not-verified.http, REJECTED_CONTENT",
            "ses-error-400-message-rejected.http, REJECTED_CONTENT",
            "ses-error-400-sending-paused.http, AUTHENTICATION",
            "ses-error-403-auth.http, AUTHENTICATION",
            "ses-error-429-too-many-requests.http, RATE_LIMITED",
            "ses-error-500-internal.http, TRANSIENT"})
    void everyDocumentedErrorIsClassified(String fixture, Reason reason) {
        answer(fixture);

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEYS));

        assertThat(failure.reason()).isEqualTo(reason);
        assertThat(allMessages(failure)).doesNotContain("secret-test-value");
    }

    @Test
    void anErrorTypeWithSmithysUriSuffixIsReadTheSameWay() {
        wireMock().stubFor(post(PATH).willReturn(Fixtures.http("ses/ses-error-400-message-rejected.http").asResponse()
                .withHeader("x-amzn-ErrorType", "MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/")));

        assertThat(failure(() -> mailer.send(TestEmails.simple(), KEYS)).reason()).isEqualTo(Reason.REJECTED_CONTENT);
    }

    @Test
    void aThrottleWithRetryAfterCarriesIt() {
        wireMock().stubFor(post(PATH).willReturn(Fixtures.http("ses/ses-error-429-too-many-requests.http").asResponse()
                .withHeader("Retry-After", "9")));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEYS));

        assertThat(failure.reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void aSlowAnswerIsTransientAndSaysTheMessageMayHaveGone() {
        wireMock().stubFor(post(PATH).willReturn(aResponse().withStatus(200).withFixedDelay(12_000)));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), KEYS));

        assertThat(failure.reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(io.herald.providers.Failures.saysMaybeSent(failure)).isTrue();
    }
}
