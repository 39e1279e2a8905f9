package io.herald.providers.postmark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Set;
import java.util.TreeSet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.herald.providers.Failures.failure;
import static io.herald.providers.ProviderStubs.wireMock;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(ProviderStubs.class)
class PostmarkMailerTest {

    private static final ProviderCredentials TOKEN = new ProviderCredentials(ProviderKind.postmark,
            Map.of("serverToken", "POSTMARK_API_TEST"));

    /** Every sending-relevant code of Postmark's table (postmark-error-codes.json) and what Herald makes of it. */
    private static final Map<Integer, Reason> CODES = Map.ofEntries(
            Map.entry(10, Reason.AUTHENTICATION), Map.entry(100, Reason.TRANSIENT), Map.entry(300, Reason.REJECTED_CONTENT),
            Map.entry(400, Reason.REJECTED_CONTENT), Map.entry(401, Reason.REJECTED_CONTENT), Map.entry(402, Reason.REJECTED_CONTENT),
            Map.entry(403, Reason.REJECTED_CONTENT), Map.entry(405, Reason.AUTHENTICATION), Map.entry(406, Reason.INVALID_RECIPIENT),
            Map.entry(409, Reason.REJECTED_CONTENT), Map.entry(410, Reason.REJECTED_CONTENT), Map.entry(411, Reason.REJECTED_CONTENT),
            Map.entry(412, Reason.AUTHENTICATION), Map.entry(413, Reason.AUTHENTICATION), Map.entry(429, Reason.RATE_LIMITED));

    @Inject
    PostmarkMailer mailer;

    @BeforeEach
    void reset() {
        wireMock().resetAll();
    }

    private void answer(String fixture) {
        wireMock().stubFor(post("/email").willReturn(Fixtures.http("postmark/" + fixture).asResponse()));
    }

    @Test
    void theDocumentedRequestCarriesHeraldsMessageIdInMetadata() {
        answer("postmark-send-response-200.http");
        String documented = Fixtures.text("postmark/postmark-send-request.json");
        JsonNode fixture = HttpExchange.json(documented);
        Map<String, String> headers = new LinkedHashMap<>();
        fixture.path("Headers").forEach(header -> headers.put(header.path("Name").asText(), header.path("Value").asText()));
        Map<String, String> metadata = new ObjectMapper().convertValue(fixture.path("Metadata"), new TypeReference<>() { });
        OutboundEmail email = TestEmails.email(fixture.path("From").asText(), fixture.path("To").asText(), fixture.path("Subject").asText(),
                fixture.path("HtmlBody").asText(), fixture.path("TextBody").asText(), headers, metadata);

        SendReceipt receipt = mailer.send(email, new ProviderCredentials(ProviderKind.postmark,
                Map.of("serverToken", "POSTMARK_API_TEST", "messageStream", fixture.path("MessageStream").asText())));

        assertThat(receipt).isEqualTo(new SendReceipt(ProviderKind.postmark, "0a129aee-e1cd-480d-b08d-4f48548ff48d"));
        wireMock().verify(postRequestedFor(urlEqualTo("/email"))
                .withHeader("X-Postmark-Server-Token", equalTo("POSTMARK_API_TEST"))
                .withHeader("Accept", containing("application/json"))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(documented, true, true))
                .withRequestBody(matchingJsonPath("$.Metadata.herald-message-id", equalTo(email.messageId())))
                .withRequestBody(matchingJsonPath("$.Metadata.herald-tenant", equalTo(email.tenantId())))
                .withRequestBody(matchingJsonPath("$.Headers[?(@.Name == 'X-Herald-Message-Id')].Value", equalTo(email.messageId()))));
    }

    @Test
    void marketingMailGoesToTheBroadcastStreamUnlessTheTenantNamesAnother() {
        answer("postmark-send-response-200.http");

        mailer.send(TestEmails.simple(), TOKEN);

        wireMock().verify(postRequestedFor(urlEqualTo("/email"))
                .withRequestBody(matchingJsonPath("$.MessageStream", equalTo("broadcast")))
                .withRequestBody(matchingJsonPath("$.ReplyTo", equalTo("support@acme.example")))
                .withRequestBody(matchingJsonPath("$.From", equalTo("Acme News <news@acme.example>"))));
    }

    @Test
    void postmarksOwnOpenAndLinkTrackingIsOffSinceHeraldTracks() {
        answer("postmark-send-response-200.http");

        mailer.send(TestEmails.simple(), TOKEN);

        wireMock().verify(postRequestedFor(urlEqualTo("/email"))
                .withRequestBody(matchingJsonPath("$.TrackOpens", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.TrackLinks", equalTo("None"))));
    }

    @ParameterizedTest
    @CsvSource({
            "postmark-error-401-auth.http, AUTHENTICATION",
            "postmark-error-422-inactive-recipient.http, INVALID_RECIPIENT",
            "postmark-error-422-invalid-email-request.http, REJECTED_CONTENT",
            "postmark-error-429-rate-limit.http, RATE_LIMITED",
            "postmark-error-500.http, TRANSIENT"})
    void everyDocumentedErrorIsClassified(String fixture, Reason reason) {
        answer(fixture);

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), TOKEN));

        assertThat(failure.reason()).isEqualTo(reason);
    }

    @Test
    void everyCodeOfPostmarksTableIsMappedWhenItComesWith422() {
        Set<Integer> documented = new TreeSet<>();
        HttpExchange.json(Fixtures.text("postmark/postmark-error-codes.json")).fieldNames().forEachRemaining(name -> {
            if (name.matches("\\d+") && !name.equals("0")) {
                documented.add(Integer.parseInt(name));
            }
        });
        assertThat(CODES.keySet()).containsExactlyInAnyOrderElementsOf(documented);

        CODES.forEach((code, reason) -> {
            wireMock().stubFor(post("/email").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                    .withBody("{\"ErrorCode\":" + code + ",\"Message\":\"code " + code + "\"}")));

            assertThat(failure(() -> mailer.send(TestEmails.simple(), TOKEN)).reason()).as("ErrorCode %s", code).isEqualTo(reason);
        });
    }

    @Test
    void a200WithAnErrorCodeIsNotAnAcceptedMessage() {
        wireMock().stubFor(post("/email").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.http("postmark/postmark-error-422-inactive-recipient.http").body())));

        DeliveryException failure = failure(() -> mailer.send(TestEmails.simple(), TOKEN));

        assertThat(failure.reason()).isEqualTo(Reason.INVALID_RECIPIENT);
        assertThat(failure.getMessage()).contains("ErrorCode 406");
    }

    @Test
    void aRateLimitWithRetryAfterCarriesIt() {
        wireMock().stubFor(post("/email").willReturn(Fixtures.http("postmark/postmark-error-429-rate-limit.http").asResponse()
                .withHeader("Retry-After", "17")));

        assertThat(failure(() -> mailer.send(TestEmails.simple(), TOKEN)).retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void aNetworkLayer403WithHtmlIsAnAccessProblem() {
        wireMock().stubFor(post("/email").willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Access denied</body></html>")));

        assertThat(failure(() -> mailer.send(TestEmails.simple(), TOKEN)).reason()).isEqualTo(Reason.AUTHENTICATION);
    }
}
