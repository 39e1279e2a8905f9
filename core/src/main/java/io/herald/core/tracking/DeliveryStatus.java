package io.herald.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a message is after the send, from the events applied to it: derived from the native attributes the track
 * worker keeps on the message item, {@code first.<kind>} (the key of the first event of each kind, see
 * {@link MetricDeltas#uniquenessKind}) and {@code firstAt.<kind>} (its time, epoch milliseconds). The status is the
 * delivery kind whose first event happened last, so events that arrive out of order (a retried webhook batch with
 * an old deferral) never move it back; it is derived on read rather than stored because keeping it right under
 * reordering would need a second conditional write per event.
 *
 * @param status {@code pending} (no delivery event yet; SMTP sends never get one), {@code delivered},
 *               {@code deferred}, {@code bounced}, {@code complained} or {@code dropped}
 * @param at when the event that set the status happened
 * @param bounce hard or soft, when the status is {@code bounced}
 * @param firstOpenAt the first open by anyone (a person or a machine)
 * @param firstHumanOpenAt the first open classified as a person's
 * @param firstClickAt the first click by anyone
 * @param firstHumanClickAt the first click classified as a person's
 * @param unsubscribedAt when the recipient unsubscribed through this message
 * @param firstConversionAt the first conversion attributed to it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryStatus(String status, Instant at, Bounce bounce, Instant firstOpenAt, Instant firstHumanOpenAt,
        Instant firstClickAt, Instant firstHumanClickAt, Instant unsubscribedAt, Instant firstConversionAt) {

    /** Native attribute of the message item: the key of the first event of a kind ({@code first.open.human}). */
    public static final String FIRST = "first.";
    /** Native attribute of the message item: when the first event of a kind happened, epoch milliseconds. */
    public static final String FIRST_AT = "firstAt.";

    public static final String PENDING = "pending";

    /** Delivery kinds, most severe first: on equal times the more severe one is the status. */
    private static final List<String[]> DELIVERY_KINDS = List.of(
            new String[] {"complaint", "complained", null},
            new String[] {"bounce.hard", "bounced", "hard"},
            new String[] {"dropped", "dropped", null},
            new String[] {"bounce.soft", "bounced", "soft"},
            new String[] {"delivered", "delivered", null},
            new String[] {"deferred", "deferred", null});

    public static DeliveryStatus of(Map<String, Long> numbers) {
        String status = PENDING;
        Long at = null;
        Bounce bounce = null;
        for (String[] kind : DELIVERY_KINDS) {
            Long time = numbers.get(FIRST_AT + kind[0]);
            if (time != null && (at == null || time > at)) {
                at = time;
                status = kind[1];
                bounce = kind[2] == null ? null : Bounce.valueOf(kind[2]);
            }
        }
        Instant humanOpen = time(numbers, "open.human");
        Instant humanClick = time(numbers, "click.human");
        return new DeliveryStatus(status, at == null ? null : Instant.ofEpochMilli(at), bounce,
                earliest(humanOpen, time(numbers, "open.machine")), humanOpen,
                earliest(humanClick, time(numbers, "click.machine")), humanClick,
                time(numbers, "unsubscribe"), time(numbers, "conversion"));
    }

    private static Instant time(Map<String, Long> numbers, String kind) {
        Long millis = numbers.get(FIRST_AT + kind);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
