package io.herald.api.delivery;

import io.restassured.RestAssured;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * One POST of RFC 8058 as the RFC writes it: its Content-Type header and its body bytes, CRLFs kept. Sent with the
 * JDK's HTTP client, which puts exactly those bytes and that header on the wire (RestAssured re-encodes forms).
 */
record Rfc8058Fixture(String contentType, byte[] body) {

    static final String URLENCODED = "rfc8058/rfc8058-post-urlencoded-8.1.http";
    static final String MULTIPART = "rfc8058/rfc8058-post-multipart-8.3-errata-applied.http";
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** What the application answered. */
    record Answer(int status, String contentType, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** POSTs the fixture to a path of the application under test; {@code rawPath} must be percent-encoded already. */
    Answer post(String rawPath) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + rawPath))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Rfc8058Fixture load(String resource) {
        byte[] raw;
        try (InputStream in = Rfc8058Fixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String contentType = text.substring(0, end).lines()
                .filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(line -> line.substring(13).strip()).findFirst().orElseThrow();
        return new Rfc8058Fixture(contentType, Arrays.copyOfRange(raw, end + 4, raw.length));
    }
}
