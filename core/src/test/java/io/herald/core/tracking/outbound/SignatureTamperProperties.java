package io.herald.core.tracking.outbound;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A webhook changed in any one byte of its id, timestamp or body never verifies; unchanged, it always does. */
class SignatureTamperProperties {

    private static final WebhookSecret SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final long NOW = 1_764_583_200L;
    private static final WebhookVerifier VERIFIER = new WebhookVerifier(List.of(SECRET), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Property(tries = 300)
    void aChangedByteNeverVerifies(@ForAll("ids") String id, @ForAll @IntRange(min = -300, max = 300) int skew,
            @ForAll("bodies") byte[] body, @ForAll @IntRange(min = 0, max = 2) int part, @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 1, max = 255) int delta) {
        String timestamp = Long.toString(NOW + skew);
        String signature = WebhookSignatures.sign(SECRET, id, NOW + skew, body);
        assertThatCode(() -> VERIFIER.verify(headers(id, timestamp, signature), body)).doesNotThrowAnyException();

        String changedId = id;
        String changedTimestamp = timestamp;
        byte[] changedBody = body;
        switch (part) {
            case 0 -> changedId = new String(change(id.getBytes(StandardCharsets.ISO_8859_1), position, delta), StandardCharsets.ISO_8859_1);
            case 1 -> changedTimestamp = new String(change(timestamp.getBytes(StandardCharsets.ISO_8859_1), position, delta), StandardCharsets.ISO_8859_1);
            default -> changedBody = change(body, position, delta);
        }
        Map<String, String> tampered = headers(changedId, changedTimestamp, signature);
        byte[] sent = changedBody;
        assertThatThrownBy(() -> VERIFIER.verify(tampered, sent)).isInstanceOf(WebhookVerifier.Rejected.class);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40).map(s -> "msg_" + s);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    }

    /** The same bytes with one of them changed (by a non-zero delta, so it always differs). */
    private static byte[] change(byte[] bytes, int position, int delta) {
        byte[] changed = bytes.clone();
        int at = position % changed.length;
        changed[at] = (byte) (changed[at] + delta);
        return changed;
    }

    private static Map<String, String> headers(String id, String timestamp, String signature) {
        return Map.of("webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);
    }
}
