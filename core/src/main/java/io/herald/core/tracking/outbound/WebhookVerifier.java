package io.herald.core.tracking.outbound;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a receiver of Herald's webhooks runs (and what Herald's tests run): the headers must be present, the
 * timestamp within five minutes of the receiver's clock (so a captured request cannot be replayed later), and one of
 * the {@code v1} signatures must equal the HMAC of one of the receiver's secrets, compared in constant time.
 * Several secrets are accepted so that a receiver can hold the old and the new secret while rotating.
 */
public final class WebhookVerifier {

    /** The reference libraries' tolerance, in both directions. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final List<WebhookSecret> secrets;
    private final Clock clock;

    public WebhookVerifier(List<WebhookSecret> secrets, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret verifies a webhook");
        }
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    public WebhookVerifier(String secret, Clock clock) {
        this(List.of(WebhookSecret.parse(secret)), clock);
    }

    /**
     * Verifies the raw body as received (before any JSON parsing: a re-serialized body does not verify).
     *
     * @param headers the request's headers, in any case
     * @throws Rejected with the reason, when the webhook must not be trusted
     */
    public void verify(Map<String, String> headers, byte[] body) {
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        named.putAll(headers);
        String id = required(named, WebhookSignatures.ID);
        String timestampText = required(named, WebhookSignatures.TIMESTAMP);
        String signatures = required(named, WebhookSignatures.SIGNATURE);
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText.strip());
        } catch (NumberFormatException e) {
            throw new Rejected("webhook-timestamp is not a number of seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - TOLERANCE.toSeconds()) {
            throw new Rejected("webhook-timestamp is too old");
        }
        if (timestamp > now + TOLERANCE.toSeconds()) {
            throw new Rejected("webhook-timestamp is too new");
        }
        for (String candidate : signatures.strip().split(" +")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals(WebhookSignatures.VERSION)) {
                continue;
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            for (WebhookSecret secret : secrets) {
                if (MessageDigest.isEqual(WebhookSignatures.mac(secret.key(), id, timestamp, body), presented)) {
                    return;
                }
            }
        }
        throw new Rejected("no matching v1 signature");
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new Rejected("missing header " + name);
        }
        return value;
    }

    /** The webhook is not authentic, or not fresh. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String reason) {
            super(reason);
        }
    }
}
