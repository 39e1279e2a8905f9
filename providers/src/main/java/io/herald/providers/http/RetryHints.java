package io.herald.providers.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a provider asked us to wait: {@code Retry-After} (seconds or an HTTP date),
 * {@code X-RateLimit-Reset} (SendGrid: a Unix time), or Mailgun's "try again after …" text. A hint that cannot be
 * read is no hint (null), never an error; a hint is capped at one day so a garbled one cannot park a message forever.
 */
public final class RetryHints {

    private static final Duration MAX = Duration.ofDays(1);
    private static final Pattern AFTER_SECONDS = Pattern.compile("try again after (\\d{1,9}) seconds?", Pattern.CASE_INSENSITIVE);
    private static final Pattern AFTER_DATE = Pattern.compile("try again after ([A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} [A-Z]{2,4})");
    private static final DateTimeFormatter MAILGUN_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss zzz", Locale.ROOT);

    private RetryHints() {
    }

    /** {@code Retry-After}: delta-seconds or an IMF-fixdate (RFC 9110 §10.2.3). */
    public static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            return seconds(value);
        }
        try {
            return until(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(), clock);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** {@code X-RateLimit-Reset}: a Unix time in seconds (SendGrid); a small number is read as seconds from now. */
    public static Duration rateLimitReset(String header, Clock clock) {
        if (header == null || !header.strip().matches("\\d{1,12}")) {
            return null;
        }
        long value = Long.parseLong(header.strip());
        return value > 1_000_000_000L ? until(Instant.ofEpochSecond(value), clock) : cap(Duration.ofSeconds(value));
    }

    /** Mailgun's 429 text: "try again after 120 seconds" or "try again after Mon, 20 Dec 2021 20:33:21 UTC". */
    public static Duration fromText(String text, Clock clock) {
        if (text == null) {
            return null;
        }
        Matcher seconds = AFTER_SECONDS.matcher(text);
        if (seconds.find()) {
            return seconds(seconds.group(1));
        }
        Matcher date = AFTER_DATE.matcher(text);
        if (date.find()) {
            try {
                return until(ZonedDateTime.parse(date.group(1), MAILGUN_DATE).toInstant(), clock);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return null;
    }

    /** The first hint present, in the order given. */
    public static Duration first(Duration... hints) {
        for (Duration hint : hints) {
            if (hint != null) {
                return hint;
            }
        }
        return null;
    }

    private static Duration seconds(String digits) {
        return digits.length() > 9 ? MAX : cap(Duration.ofSeconds(Long.parseLong(digits)));
    }

    private static Duration until(Instant when, Clock clock) {
        Duration wait = Duration.between(clock.instant(), when);
        return wait.isNegative() ? Duration.ZERO : cap(wait);
    }

    private static Duration cap(Duration wait) {
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
