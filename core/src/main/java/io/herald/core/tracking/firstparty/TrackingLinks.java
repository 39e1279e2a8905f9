package io.herald.core.tracking.firstparty;

import io.herald.core.delivery.UnsubscribeConfig;
import io.herald.core.errors.HeraldException;
import io.herald.core.support.ConfiguredSecret;
import io.herald.core.support.SignedTokens;
import io.herald.core.support.SsmParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signed open-pixel and click-redirect tokens. A token is the base64url (no padding) of
 * {@code version | kind | fields | HMAC-SHA256 (first 16 bytes)}; an open names tenant and message, a click also the
 * exact target URL, the link's index, the message's link count and the issue second. Each text field is a 2-byte
 * length and its UTF-8 bytes. As with unsubscribe links, only the MAC makes a token valid, it is checked in constant
 * time, only the canonical encoding is accepted, and the kind byte keeps an open token from passing as a click.
 * The URL travels inside the token, so no store read stands between a click and its redirect.
 */
@ApplicationScoped
public class TrackingLinks {

    static final byte VERSION = 1;
    static final byte OPEN = 'o';
    static final byte CLICK = 'c';
    static final int MAC_BYTES = 16;
    /** Above any token of a URL Herald rewrites (2,000 characters of URL make about 2,750), refused before any work. */
    static final int MAX_TOKEN_CHARS = 4096;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** What the tracking key is derived from the unsubscribe key with, so that neither MAC can stand in for the other. */
    private static final byte[] DERIVATION = "herald first-party tracking tokens v1".getBytes(StandardCharsets.UTF_8);

    private final String baseUrl;
    private final Supplier<SecretKeySpec> keySource;
    private volatile SecretKeySpec key;

    @Inject
    public TrackingLinks(TrackingConfig config, UnsubscribeConfig unsubscribe, SsmParameters ssm) {
        this.baseUrl = config.baseUrl().filter(url -> !url.isBlank()).orElse(unsubscribe.baseUrl()).strip().replaceAll("/+$", "");
        ConfiguredSecret own = new ConfiguredSecret("the tracking signing key", config.signingKey(), config.signingKeyParameter(), ssm);
        ConfiguredSecret unsubscribeKey = new ConfiguredSecret("the unsubscribe signing key", unsubscribe.signingKey(),
                unsubscribe.signingKeyParameter(), ssm);
        boolean hasOwn = config.signingKey().filter(k -> !k.isBlank()).isPresent()
                || config.signingKeyParameter().filter(k -> !k.isBlank()).isPresent();
        this.keySource = () -> {
            if (hasOwn) {
                return new SecretKeySpec(SignedTokens.key256("herald.tracking.signing-key", own.get().orElseThrow(TrackingLinks::unconfigured), "Tracking key"), "HmacSHA256");
            }
            byte[] parent = SignedTokens.key256("herald.unsubscribe.signing-key", unsubscribeKey.get().orElseThrow(TrackingLinks::unconfigured), "Unsubscribe key");
            return new SecretKeySpec(hmac(new SecretKeySpec(parent, "HmacSHA256"), DERIVATION, DERIVATION.length), "HmacSHA256");
        };
    }

    /** For tests and tools: a fixed base URL and raw key. */
    public TrackingLinks(String baseUrl, byte[] rawKey) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        SecretKeySpec fixed = new SecretKeySpec(rawKey.clone(), "HmacSHA256");
        this.keySource = () -> fixed;
    }

    /** The public base URL the tracking links point to, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code <base>/t/o/<token>}: the open pixel of one message. */
    public String openUrl(String tenantId, String messageId) {
        return baseUrl + "/t/o/" + openToken(tenantId, messageId);
    }

    /** {@code <base>/t/c/<token>}: the redirect of one link of one message. */
    public String clickUrl(ClickToken click) {
        return baseUrl + "/t/c/" + clickToken(click);
    }

    public String openToken(String tenantId, String messageId) {
        return seal(OPEN, new byte[][]{utf8(required(tenantId)), utf8(required(messageId))}, new byte[0]);
    }

    public String clickToken(ClickToken click) {
        if (click.linkIndex() < 0 || click.linkIndex() >= click.linkCount() || click.linkCount() > 0xFFFF) {
            throw new IllegalArgumentException("a link index lies in [0, link count), and a message has at most 65,535 links");
        }
        long issued = click.issuedAt().getEpochSecond();
        if (issued < 0 || issued > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("issue time out of range");
        }
        ByteBuffer tail = ByteBuffer.allocate(8).putShort((short) click.linkIndex()).putShort((short) click.linkCount()).putInt((int) issued);
        return seal(CLICK, new byte[][]{utf8(required(click.tenantId())), utf8(required(click.messageId())), utf8(required(click.url()))},
                tail.array());
    }

    /** The open a token names, or empty for anything Herald did not sign as an open token, whatever the input. */
    public Optional<OpenToken> verifyOpen(String token) {
        return open(token, OPEN).flatMap(fields -> {
            String[] ids = fields.texts(2);
            return ids == null || fields.buffer.hasRemaining() ? Optional.empty() : Optional.of(new OpenToken(ids[0], ids[1]));
        });
    }

    /** The click a token names, or empty for anything Herald did not sign as a click token, whatever the input. */
    public Optional<ClickToken> verifyClick(String token) {
        return open(token, CLICK).flatMap(fields -> {
            String[] texts = fields.texts(3);
            if (texts == null || fields.buffer.remaining() != 8) {
                return Optional.empty();
            }
            int index = Short.toUnsignedInt(fields.buffer.getShort());
            int count = Short.toUnsignedInt(fields.buffer.getShort());
            long issued = Integer.toUnsignedLong(fields.buffer.getInt());
            if (index >= count) {
                return Optional.empty();
            }
            return Optional.of(new ClickToken(texts[0], texts[1], texts[2], index, count, Instant.ofEpochSecond(issued)));
        });
    }

    private String seal(byte kind, byte[][] texts, byte[] tail) {
        int size = 2 + tail.length + MAC_BYTES;
        for (byte[] text : texts) {
            if (text.length > 0xFFFF) {
                throw new IllegalArgumentException("a field of a tracking token is too long");
            }
            size += 2 + text.length;
        }
        ByteBuffer bytes = ByteBuffer.allocate(size).put(VERSION).put(kind);
        for (byte[] text : texts) {
            bytes.putShort((short) text.length).put(text);
        }
        bytes.put(tail);
        bytes.put(Arrays.copyOf(hmac(key(), bytes.array(), size - MAC_BYTES), MAC_BYTES));
        return ENCODER.encodeToString(bytes.array());
    }

    private Optional<Fields> open(String token, byte kind) {
        byte[] bytes = SignedTokens.canonicalBytes(token, MAX_TOKEN_CHARS).orElse(null);
        if (bytes == null || bytes.length < 2 + 4 + MAC_BYTES || bytes[0] != VERSION || bytes[1] != kind) {
            return Optional.empty();
        }
        int signed = bytes.length - MAC_BYTES;
        byte[] expected = Arrays.copyOf(hmac(key(), bytes, signed), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, signed, bytes.length))) {
            return Optional.empty();
        }
        return Optional.of(new Fields(ByteBuffer.wrap(bytes, 2, signed - 2).slice()));
    }

    /** The signed fields of a verified token, read in order. */
    private record Fields(ByteBuffer buffer) {
        /** {@code count} non-empty UTF-8 fields, or null when the layout is not one Herald writes. */
        String[] texts(int count) {
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                if (buffer.remaining() < 2) {
                    return null;
                }
                int length = Short.toUnsignedInt(buffer.getShort());
                if (length == 0 || buffer.remaining() < length) {
                    return null;
                }
                byte[] field = new byte[length];
                buffer.get(field);
                out[i] = new String(field, StandardCharsets.UTF_8);
            }
            return out;
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec known = key;
        if (known == null) {
            known = keySource.get();
            key = known;
        }
        return known;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static HeraldException unconfigured() {
        return new HeraldException(HeraldException.Kind.UNAVAILABLE, "Tracking key not configured",
                "tracking links cannot be signed or checked: set herald.tracking.signing-key (HERALD_TRACKING_SIGNING_KEY),"
                        + " herald.tracking.signing-key-parameter, or the unsubscribe key they default to");
    }

    private static String required(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a tracking token names a tenant, a message and, for a click, a URL");
        }
        return value;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
