package io.herald.providers.model;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.herald.core.content.generation.ModelHttpException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The filter on a real JAX-RS client against WireMock answering as OpenAI does (fixtures in {@code openai/}). */
class ModelErrorFilterTest {

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String REQUEST = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}";

    private static WireMockServer openAi;
    private static Client client;

    @BeforeAll
    static void start() {
        openAi = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        openAi.start();
        client = ClientBuilder.newClient().register(new ModelErrorFilter());
    }

    @AfterAll
    static void stop() {
        client.close();
        openAi.stop();
    }

    @BeforeEach
    void reset() {
        openAi.resetAll();
    }

    @Test
    void aRateLimitKeepsItsRetryAfterAndErrorCode() {
        answer(COMPLETIONS, fromHttpFixture("openai-429-rate-limit.http"));
        ModelHttpException error = modelError(COMPLETIONS);
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(20));
        assertThat(error.errorCode()).contains("rate_limit_exceeded");
        assertThat(error.quotaExhausted()).isFalse();
        assertThat(error.getMessage()).contains("Rate limit reached for gpt-4");
    }

    @Test
    void retryAfterMsIsPreferredToTheSecondsHeader() {
        answer(COMPLETIONS, aResponse().withStatus(429).withHeader("retry-after-ms", "250").withHeader("retry-after", "20")
                .withBody("{\"error\":{\"code\":\"rate_limit_exceeded\"}}"));
        assertThat(modelError(COMPLETIONS).retryAfter()).contains(Duration.ofMillis(250));
    }

    @Test
    void anExhaustedQuotaIsToldApartFromARateLimit() {
        answer(COMPLETIONS, aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody(fixture("openai-429-insufficient-quota.json")));
        ModelHttpException error = modelError(COMPLETIONS);
        assertThat(error.quotaExhausted()).isTrue();
        assertThat(error.retryAfter()).isEmpty();
    }

    @Test
    void aServerErrorWithoutBodyStillCarriesItsStatus() {
        answer(COMPLETIONS, aResponse().withStatus(503));
        ModelHttpException error = modelError(COMPLETIONS);
        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(error.errorCode()).isEmpty();
    }

    @Test
    void aSuccessfulAnswerPassesUntouched() {
        answer(COMPLETIONS, aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"chatcmpl-1\"}"));
        try (Response response = call(COMPLETIONS)) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.readEntity(String.class)).isEqualTo("{\"id\":\"chatcmpl-1\"}");
        }
    }

    @Test
    void anotherServicesErrorIsLeftToItsOwnClient() {
        // the filter is global: an email provider's 429 must reach that provider's client as it was sent
        answer("/v3/mail/send", fromHttpFixture("openai-429-rate-limit.http"));
        try (Response response = call("/v3/mail/send")) {
            assertThat(response.getStatus()).isEqualTo(429);
            assertThat(response.getHeaderString("retry-after")).isEqualTo("20");
            assertThat(response.readEntity(String.class)).contains("rate_limit_exceeded");
        }
    }

    private static void answer(String path, ResponseDefinitionBuilder response) {
        openAi.stubFor(post(urlEqualTo(path)).willReturn(response));
    }

    private static Response call(String path) {
        return client.target(openAi.baseUrl() + path).request().post(Entity.json(REQUEST));
    }

    private static ModelHttpException modelError(String path) {
        Throwable thrown = catchThrowable(() -> call(path).close());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ModelHttpException model) {
                return model;
            }
        }
        throw new AssertionError("no ModelHttpException in " + thrown, thrown);
    }

    /** Status line, headers and body of a raw HTTP response fixture, as written. */
    private static ResponseDefinitionBuilder fromHttpFixture(String name) {
        String[] parts = fixture(name).split("\\r?\\n\\r?\\n", 2);
        String[] head = parts[0].split("\\r?\\n");
        ResponseDefinitionBuilder response = aResponse().withStatus(Integer.parseInt(head[0].split(" ")[1])).withBody(parts[1].strip());
        for (int i = 1; i < head.length; i++) {
            String[] header = head[i].split(":\\s*", 2);
            response = response.withHeader(header[0], header[1]);
        }
        return response;
    }

    private static String fixture(String name) {
        try (InputStream in = ModelErrorFilterTest.class.getResourceAsStream("/openai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
