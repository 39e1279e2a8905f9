package io.herald.providers;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The provider fixtures under {@code src/test/resources/providers/} (provenance in the SOURCES.md beside them). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/providers/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP message fixture ({@code *.http}: start line, headers, blank line, body). */
    public record HttpMessage(String startLine, Map<String, String> headers, String body) {

        public int status() {
            return Integer.parseInt(startLine.split(" ")[1]);
        }

        /** The response as WireMock should answer it: status, headers (less the framing ones), body. */
        public ResponseDefinitionBuilder asResponse() {
            ResponseDefinitionBuilder response = WireMock.aResponse().withStatus(status());
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("connection")) {
                    response.withHeader(name, value);
                }
            });
            return body.isEmpty() ? response : response.withBody(body);
        }
    }

    public static HttpMessage http(String path) {
        String message = text(path).replace("\r\n", "\n");
        int end = message.indexOf("\n\n");
        String head = end < 0 ? message : message.substring(0, end);
        String body = end < 0 ? "" : message.substring(end + 2);
        String[] lines = head.split("\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
        }
        return new HttpMessage(lines[0], headers, body.strip());
    }

    /** The form fields of a multipart/form-data request fixture, in order (Mailgun's). */
    public static Map<String, String> formFields(HttpMessage request) {
        String boundary = request.headers().get("Content-Type").replaceAll(".*boundary=", "");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : request.body().split("--" + boundary)) {
            int blank = part.indexOf("\n\n");
            if (blank < 0) {
                continue;
            }
            String name = part.substring(0, blank).replaceAll("(?s).*name=\"([^\"]+)\".*", "$1");
            fields.put(name, part.substring(blank + 2).strip());
        }
        return fields;
    }
}
