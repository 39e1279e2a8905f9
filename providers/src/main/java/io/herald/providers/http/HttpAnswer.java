package io.herald.providers.http;

import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * A provider's HTTP answer, read completely (status, the headers Herald reads, the body as text) so that the
 * connection is released before the answer is classified.
 *
 * @param status HTTP status code
 * @param body the body as text, empty when there was none
 * @param retryAfter the {@code Retry-After} header, or null
 * @param rateLimitReset the {@code X-RateLimit-Reset} header, or null
 * @param messageId the {@code X-Message-Id} header (SendGrid's id for the request), or null
 */
public record HttpAnswer(int status, String body, String retryAfter, String rateLimitReset, String messageId) {

    public static HttpAnswer read(Response response) {
        try (response) {
            String body = response.hasEntity() ? Optional.ofNullable(response.readEntity(String.class)).orElse("") : "";
            return new HttpAnswer(response.getStatus(), body, response.getHeaderString("Retry-After"),
                    response.getHeaderString("X-RateLimit-Reset"), response.getHeaderString("X-Message-Id"));
        }
    }

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
