package io.herald.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The benchmark's HTTP client: HTTP/1.1 with keep-alive, as API Gateway's clients mostly speak to it. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer and the time from sending the request to having read the whole body. */
    record Answer(int status, String body, long nanos) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        double millis() {
            return nanos / 1e6;
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Answer get(URI base, String path, String bearer, Duration timeout) throws IOException {
        return send(request(base, path, bearer, timeout).GET().build());
    }

    Answer post(URI base, String path, String bearer, Object body, Duration timeout) throws IOException {
        String json = JSON.writeValueAsString(body);
        return send(request(base, path, bearer, timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** A POST that must succeed: setting up a run has no use for a failed step. */
    JsonNode postOk(URI base, String path, String bearer, Object body) throws IOException {
        return ok("POST", base, path, bearer, body);
    }

    /** Any method with an optional JSON body, which must succeed. */
    JsonNode ok(String method, URI base, String path, String bearer, Object body) throws IOException {
        HttpRequest.Builder builder = request(base, path, bearer, Duration.ofSeconds(60));
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        Answer answer = send(builder.build());
        if (!answer.ok()) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body().isEmpty() ? JSON.nullNode() : answer.json();
    }

    private static HttpRequest.Builder request(URI base, String path, String bearer, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws IOException {
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - begin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
