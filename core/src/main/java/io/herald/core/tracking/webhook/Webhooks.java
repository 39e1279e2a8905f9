package io.herald.core.tracking.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.ProviderCredentials;
import io.herald.core.support.Sha256;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** What the provider webhooks share: strict JSON over raw bytes, bounded text, hashes, timestamps, the secrets' look-up. */
final class Webhooks {

    /** Bounds on what one event may carry into the track queue, so that no event outgrows a queue message. */
    static final int MAX_URL = 8192;
    static final int MAX_TEXT = 1024;
    static final int MAX_ID = 512;
    /** Epoch seconds Herald accepts as an event's time: 2000-01-01 to 2100-01-01; anything else is the receiving time. */
    private static final long EARLIEST = 946_684_800L;
    private static final long LATEST = 4_102_444_800L;

    /**
     * Exact numbers (Postmark's 64-bit IDs stay longs, Mailgun's microsecond timestamps stay decimals) and nothing
     * after the one JSON value. Jackson's default limits (nesting depth, string and number lengths) bound hostile input.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Webhooks() {
    }

    /** The body as one JSON value, or a 400 that says where it stops being JSON (never echoing the body). */
    static JsonNode parse(byte[] body, String what) {
        if (body.length == 0) {
            throw WebhookRejected.malformed("the body is empty; " + what);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw WebhookRejected.malformed("the body holds no JSON value; " + what);
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw WebhookRejected.malformed("the body is not valid JSON" + where + "; " + what);
        } catch (IOException e) {
            throw WebhookRejected.malformed("the body cannot be read as JSON; " + what);
        }
    }

    /** A webhook setting of the tenant's account, or a 401 that names the setting to add. */
    static String secret(ProviderCredentials account, String key) {
        String value = account.values().get(key);
        if (value == null || value.isBlank()) {
            throw WebhookRejected.unauthenticated("this tenant's " + account.kind() + " account has no '" + key
                    + "' setting, so no webhook can be verified; add it with PUT /v1/providers/" + account.kind());
        }
        return value;
    }

    /** A text field, cut to {@code max} characters; null when absent or not a string (or number, for ids). */
    static String text(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isTextual() || value.isNumber())) {
            return null;
        }
        String text = value.asText();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** Herald's message id from a provider's key/value metadata ({@code custom_args}, {@code user-variables}, {@code Metadata}). */
    static String heraldMessageId(JsonNode metadata) {
        return metadata == null ? null : text(metadata, OutboundEmail.MESSAGE_ID_TAG, MAX_ID);
    }

    static String heraldTenant(JsonNode metadata) {
        return metadata == null ? null : text(metadata, OutboundEmail.TENANT_TAG, MAX_ID);
    }

    /**
     * Whether an event claims a tenant other than the one whose URL and secrets received it. Such an event is ignored:
     * a webhook addressed to one tenant never touches another's data, whatever its body says.
     */
    static boolean claimsAnotherTenant(String claimed, String receivingTenant) {
        return claimed != null && !claimed.equals(receivingTenant);
    }

    /** An event's time from epoch seconds (integer or decimal), or {@code fallback} when absent or implausible. */
    static Instant epochSeconds(JsonNode value, Instant fallback) {
        if (value == null || !value.isNumber()) {
            return fallback;
        }
        BigDecimal seconds = value.decimalValue();
        if (seconds.compareTo(BigDecimal.valueOf(EARLIEST)) < 0 || seconds.compareTo(BigDecimal.valueOf(LATEST)) > 0) {
            return fallback;
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * A signed timestamp (decimal epoch seconds) checked against Herald's clock: stale or future beyond the window is
     * a 401, since the signature over it cannot be trusted to be this request's.
     */
    static Instant fresh(String timestamp, Instant now, Duration window, String what) {
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            throw WebhookRejected.unauthenticated(what + " is missing or not epoch seconds");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Duration skew = Duration.between(at, now).abs();
        if (skew.compareTo(window) > 0) {
            throw WebhookRejected.unauthenticated(what + " is " + skew.getSeconds() + " s from Herald's clock; at most "
                    + window.getSeconds() + " s is accepted (a stale or replayed request, or a clock to fix)");
        }
        return at;
    }

    /** Equal whatever the lengths, in time that does not depend on where the two differ. */
    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static byte[] sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }

    static String sha256Hex(String text) {
        return Sha256.hex(text);
    }

    /**
     * A JSON value written with its object keys sorted and no whitespace: the same event gives the same text however
     * a provider serialized it, so content hashes (event ids where a provider has none) are stable across reposts.
     */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        canonical(node, out);
        return out.toString();
    }

    private static void canonical(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), field.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JsonNodeFactory.instance.textNode(field.getKey()));
                out.append(':');
                canonical(field.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    /** {@code sha256:} and the hash of the canonical content: the event id of an event its provider gave no id. */
    static String contentId(JsonNode event) {
        return "sha256:" + sha256Hex(canonical(event));
    }
}
