package io.herald.api.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.herald.api.testing.HeraldTestResources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/** WireMock as the OpenAI server: answers built from the fixtures in {@code openai/}, one named stub per step. */
final class OpenAiStubs {

    static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiStubs() {
    }

    static WireMockServer server() {
        return HeraldTestResources.wireMock();
    }

    /** Answers {@code responses} in order, then keeps answering the last one. */
    static void answer(String scenario, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? STARTED : scenario + "-" + i;
            var stub = post(urlEqualTo(PATH)).withName(scenario + " #" + (i + 1)).inScenario(scenario).whenScenarioStateIs(state);
            if (i + 1 < responses.length) {
                stub = stub.willSetStateTo(scenario + "-" + (i + 1));
            }
            server().stubFor(stub.willReturn(responses[i]));
        }
    }

    static List<LoggedRequest> requests() {
        return server().findAll(postRequestedFor(urlEqualTo(PATH)));
    }

    static String fixture(String name) {
        try (InputStream in = OpenAiStubs.class.getResourceAsStream("/openai/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder fixtureAnswer(String name) {
        return json(200, fixture(name));
    }

    /** The verbatim ok completion with its content replaced by {@code content} (DERIVED, see SOURCES.md). */
    static ResponseDefinitionBuilder completion(String content) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(fixture("openai-chat-completion-ok.json"));
            ((ObjectNode) body.withArray("choices").get(0).get("message")).put("content", content);
            return json(200, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {"variants": [...]} answer built from per-variant JSON objects. */
    static ResponseDefinitionBuilder variants(String... variantObjects) {
        return completion("{\"variants\":[" + String.join(",", variantObjects) + "]}");
    }

    static String email(String subject, String html) {
        try {
            return JSON.writeValueAsString(JSON.createObjectNode().put("subject", subject).put("preheader", "Picked for you").put("html", html));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's status line, headers and body, with retry-after as given (DERIVED, see SOURCES.md). */
    static ResponseDefinitionBuilder rateLimited(String retryAfter) {
        String[] parts = fixture("openai-429-rate-limit.http").split("\\r?\\n\\r?\\n", 2);
        String[] head = parts[0].split("\\r?\\n");
        ResponseDefinitionBuilder response = aResponse().withStatus(Integer.parseInt(head[0].split(" ")[1])).withBody(parts[1].strip());
        for (int i = 1; i < head.length; i++) {
            String[] header = head[i].split(":\\s*", 2);
            response = response.withHeader(header[0], header[0].equalsIgnoreCase("retry-after") ? retryAfter : header[1]);
        }
        return response;
    }

    static ResponseDefinitionBuilder serverError() {
        return json(500, "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }
}
