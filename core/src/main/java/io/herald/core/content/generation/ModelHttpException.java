package io.herald.core.content.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An error answer of the model server with what the retry policy needs and langchain4j's own exception
 * drops: the {@code retry-after} delay and the OpenAI error code ({@code insufficient_quota} must not be
 * retried, a plain rate limit may be). Extending {@link HttpException} keeps langchain4j's mapping by status.
 */
public class ModelHttpException extends HttpException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Duration retryAfter;
    private final String errorCode;

    public ModelHttpException(int status, String body, Duration retryAfter, String errorCode) {
        super(status, body);
        this.retryAfter = retryAfter;
        this.errorCode = errorCode;
    }

    /** From the raw answer: status, body and the two retry headers as sent (each may be null). */
    public static ModelHttpException of(int status, String body, String retryAfterMs, String retryAfter) {
        return new ModelHttpException(status, body, retryAfter(retryAfterMs, retryAfter), errorCode(body));
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public boolean quotaExhausted() {
        return "insufficient_quota".equals(errorCode);
    }

    /** OpenAI sends {@code retry-after-ms} besides the standard header, whose value is seconds or an HTTP date. */
    public static Duration retryAfter(String millis, String header) {
        try {
            if (millis != null && !millis.isBlank()) {
                return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(millis.strip()))));
            }
            if (header == null || header.isBlank()) {
                return null;
            }
            String value = header.strip();
            if (value.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
            }
            Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return until.isNegative() ? Duration.ZERO : until;
        } catch (NumberFormatException | DateTimeParseException unreadable) {
            return null;
        }
    }

    public static String errorCode(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String code = error.path("code").asText(null);
            return code != null ? code : error.path("type").asText(null);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }
}
