package io.herald.core.tracking.outbound;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks symmetric scheme: {@code v1,} + base64 of HMAC-SHA256 over {@code id.timestamp.body}. Signing
 * covers the id and the attempt's timestamp as well as the body, so a receiver can reject replays and dedupe by id.
 */
public final class WebhookSignatures {

    /** Header names, lower case as the spec writes them (HTTP header names are case-insensitive). */
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final String VERSION = "v1";

    private WebhookSignatures() {
    }

    /** One signature, {@code v1,<base64>}. */
    public static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret.key(), id, timestamp, body));
    }

    /** The header value: one signature per secret, space-delimited (during a rotation the old and the new secret). */
    public static String header(List<WebhookSecret> secrets, String id, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a webhook");
        }
        return secrets.stream().map(secret -> sign(secret, id, timestamp, body)).collect(Collectors.joining(" "));
    }

    static byte[] mac(byte[] key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
