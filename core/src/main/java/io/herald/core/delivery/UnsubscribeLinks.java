package io.herald.core.delivery;

import io.herald.core.errors.HeraldException;
import io.herald.core.support.ConfiguredSecret;
import io.herald.core.support.SignedTokens;
import io.herald.core.support.SsmParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed one-click unsubscribe links. A token is the base64url (no padding) of
 * {@code version (1 byte) | tenant | contact | campaign | message | HMAC-SHA256 (first 16 bytes)}, each id as a
 * 2-byte length and its UTF-8 bytes, the MAC over everything before it. Nothing but the MAC makes a token valid:
 * it holds no address, is verified in constant time, and only its canonical encoding is accepted, so no altered
 * character can verify. The version byte lets a later format (or key) coexist with links already in inboxes.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    static final byte VERSION = 1;
    static final int MAC_BYTES = 16;
    /** Far above any real token (about 160 characters), so that a huge path is refused before any work. */
    static final int MAX_TOKEN_CHARS = 2048;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final UnsubscribeConfig config;
    private final ConfiguredSecret configured;
    private volatile SecretKeySpec key;

    @Inject
    public UnsubscribeLinks(UnsubscribeConfig config, SsmParameters ssm) {
        this.config = config;
        this.configured = new ConfiguredSecret("the unsubscribe signing key", config.signingKey(), config.signingKeyParameter(), ssm);
    }

    /** The absolute one-click link for one message to one contact: {@code <base URL>/u/<token>}. */
    public URI oneClick(String tenantId, String contactId, String campaignId, String messageId) {
        return url(token(new UnsubscribeToken(tenantId, contactId, campaignId, messageId)));
    }

    /** The link of a token: {@code <base URL>/u/<token>}. */
    public URI url(String token) {
        return URI.create(config.baseUrl().replaceAll("/+$", "") + "/u/" + token);
    }

    /** {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} for the message (RFC 2369, RFC 8058). */
    public UnsubscribeHeaders headers(String tenantId, String contactId, String campaignId, String messageId) {
        String value = "<" + oneClick(tenantId, contactId, campaignId, messageId) + ">"
                + config.mailto().filter(address -> !address.isBlank())
                        .map(address -> ", <mailto:" + address.strip() + "?subject=" + URLEncoder.encode("unsubscribe", StandardCharsets.UTF_8) + ">")
                        .orElse("");
        return new UnsubscribeHeaders(value, UnsubscribeHeaders.ONE_CLICK);
    }

    public String token(UnsubscribeToken token) {
        if (token.tenantId() == null || token.contactId() == null) {
            throw new IllegalArgumentException("an unsubscribe link names a tenant and a contact");
        }
        byte[][] fields = {utf8(token.tenantId()), utf8(token.contactId()), utf8(token.campaignId()), utf8(token.messageId())};
        int size = 1 + MAC_BYTES;
        for (byte[] field : fields) {
            if (field.length > 0xFFFF) {
                throw new IllegalArgumentException("an id of an unsubscribe link is too long");
            }
            size += 2 + field.length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(size).put(VERSION);
        for (byte[] field : fields) {
            bytes.putShort((short) field.length).put(field);
        }
        bytes.put(mac(bytes.array(), size - MAC_BYTES));
        return ENCODER.encodeToString(bytes.array());
    }

    /** What the token names, or empty for anything Herald did not sign with its current key, whatever the input. */
    public Optional<UnsubscribeToken> verify(String token) {
        byte[] bytes = SignedTokens.canonicalBytes(token, MAX_TOKEN_CHARS).orElse(null);
        if (bytes == null || bytes.length < 1 + 8 + MAC_BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        int signed = bytes.length - MAC_BYTES;
        if (!MessageDigest.isEqual(mac(bytes, signed), Arrays.copyOfRange(bytes, signed, bytes.length))) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(bytes, 1, signed - 1);
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            if (fields.remaining() < 2) {
                return Optional.empty();
            }
            int length = Short.toUnsignedInt(fields.getShort());
            if (fields.remaining() < length) {
                return Optional.empty();
            }
            byte[] field = new byte[length];
            fields.get(field);
            ids[i] = length == 0 ? null : new String(field, StandardCharsets.UTF_8);
        }
        if (fields.hasRemaining() || ids[0] == null || ids[1] == null) {
            return Optional.empty();
        }
        return Optional.of(new UnsubscribeToken(ids[0], ids[1], ids[2], ids[3]));
    }

    private byte[] mac(byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update(bytes, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            String encoded = configured.get().orElseThrow(() -> new HeraldException(HeraldException.Kind.UNAVAILABLE,
                    "Unsubscribe key not configured", "unsubscribe links cannot be signed or checked: herald.unsubscribe.signing-key"
                    + " (HERALD_UNSUBSCRIBE_SIGNING_KEY) or herald.unsubscribe.signing-key-parameter is not configured"));
            known = new SecretKeySpec(SignedTokens.key256("herald.unsubscribe.signing-key", encoded, "Unsubscribe key"), "HmacSHA256");
            key = known;
        }
        return known;
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }
}
