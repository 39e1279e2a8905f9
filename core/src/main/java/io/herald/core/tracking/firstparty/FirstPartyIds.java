package io.herald.core.tracking.firstparty;

import io.herald.core.support.Sha256;
import io.herald.core.tracking.Evidence;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * The event ids of first-party requests. Every request is its own event (totals count each open and click), but a
 * client that retries the same request is not: the id is the message, the link, the request's second and a short
 * hash of who asked (method, user agent, address). So a browser's retry within the second counts once, while a
 * scanner and the person clicking in the same second stay two events, and the scanner's cannot swallow the human's.
 * {@code click:<messageId>:<linkIndex>:<epochSecond>:<hash>}, {@code open:<messageId>:<epochSecond>:<hash>}.
 */
public final class FirstPartyIds {

    public static final String CLICK = "click:";
    public static final String OPEN = "open:";
    public static final String CONVERSION = "conversion:";

    private FirstPartyIds() {
    }

    public static String click(String messageId, int linkIndex, Instant at, Evidence evidence) {
        return CLICK + messageId + ":" + linkIndex + ":" + at.getEpochSecond() + ":" + who(evidence);
    }

    public static String open(String messageId, Instant at, Evidence evidence) {
        return OPEN + messageId + ":" + at.getEpochSecond() + ":" + who(evidence);
    }

    public static String conversion(String conversionId) {
        return CONVERSION + conversionId;
    }

    /** The link index a first-party click id carries, or empty for any other id (a provider's click). */
    public static OptionalInt linkIndex(String eventId) {
        if (eventId == null || !eventId.startsWith(CLICK)) {
            return OptionalInt.empty();
        }
        String[] parts = eventId.substring(CLICK.length()).split(":");
        if (parts.length < 4) {
            return OptionalInt.empty();
        }
        try {
            int index = Integer.parseInt(parts[parts.length - 3]);
            return index < 0 ? OptionalInt.empty() : OptionalInt.of(index);
        } catch (NumberFormatException notOurs) {
            return OptionalInt.empty();
        }
    }

    private static String who(Evidence evidence) {
        Evidence e = evidence == null ? Evidence.none() : evidence;
        String canonical = e.method() + "\n" + e.userAgent() + "\n" + e.ip();
        return Sha256.hexPrefix(canonical, 4);
    }
}
