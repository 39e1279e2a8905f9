package io.herald.core.campaign.sending;

import io.herald.core.campaign.CampaignProgress;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.ProviderKind;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which progress counter a settled message record stands for: the send step writes a record's reason with the
 * builders here and counts the matching counter, and the reconcile maps the stored records back with
 * {@link #counter}, so that a recount from the records is the same count the live path made.
 */
public final class SendOutcomes {

    public static final String NO_EMAIL = "the contact has no email address";
    public static final String NO_CONSENT = "email consent is not granted";
    public static final String SUPPRESSED = "the address is suppressed";
    public static final String PRE_SEND = "pre-send checks failed: ";
    public static final String NO_CREDENTIALS = "the tenant has no credentials for ";
    private static final Pattern REASON = Pattern.compile("([A-Z][A-Z0-9_]{0,39}): .*", Pattern.DOTALL);

    private SendOutcomes() {
    }

    public static String preSendFailed(String failures) {
        return PRE_SEND + failures;
    }

    public static String noCredentials(ProviderKind provider) {
        return NO_CREDENTIALS + provider;
    }

    /** {@code INVALID_RECIPIENT: <the provider's words>}: the reason's name first, so that the reconcile can read it back. */
    public static String providerFailure(DeliveryException e) {
        return e.reason() + ": " + e.getMessage();
    }

    /**
     * The outcome counter a record counts for ({@code sent}, {@code failed.<reason>}, {@code suppressed},
     * {@code skipped.<reason>}, {@code unknown}); empty while it is in flight ({@code sending}, {@code retry}) and for
     * test sends.
     */
    public static Optional<String> counter(MessageRecord record) {
        if (record.test() || record.status() == null) {
            return Optional.empty();
        }
        String reason = record.reason() == null ? "" : record.reason();
        return switch (record.status()) {
            case sent -> Optional.of(CampaignProgress.SENT);
            case unknown -> Optional.of(CampaignProgress.UNKNOWN);
            case failed -> Optional.of(CampaignProgress.failed(failureName(reason)));
            case skipped -> Optional.of(reason.equals(SUPPRESSED) ? CampaignProgress.SUPPRESSED
                    : reason.equals(NO_CONSENT) ? CampaignProgress.SKIPPED_NO_CONSENT
                    : reason.equals(NO_EMAIL) ? CampaignProgress.SKIPPED_NO_EMAIL : "skipped.other");
            case sending, retry -> Optional.empty();
        };
    }

    private static String failureName(String reason) {
        if (reason.startsWith(PRE_SEND)) {
            return RecipientSender.PRE_SEND;
        }
        if (reason.startsWith(NO_CREDENTIALS)) {
            return RecipientSender.NO_CREDENTIALS;
        }
        java.util.regex.Matcher named = REASON.matcher(reason);
        return named.matches() ? named.group(1) : "OTHER";
    }

    /**
     * The message-derived progress counters of a set of records, with their per-variant counters: what a reconcile
     * writes back. {@code skipped.noContact} is not among them (an erased contact leaves no record).
     */
    public static Map<String, Long> count(Iterable<MessageRecord> records) {
        Map<String, Long> counts = new TreeMap<>();
        for (MessageRecord record : records) {
            add(counts, record);
        }
        return counts;
    }

    /** Adds one record's counters to {@code counts}. */
    public static void add(Map<String, Long> counts, MessageRecord record) {
        counter(record).ifPresent(counter -> {
            counts.merge(counter, 1L, Long::sum);
            String variant = record.content() == null ? null : record.content().variant();
            CampaignProgress.variantCounter(variant, counter).ifPresent(v -> counts.merge(v, 1L, Long::sum));
        });
    }

    /** Whether a progress counter is one {@link #count} recomputes (and a reconcile may therefore replace). */
    public static boolean isMessageCounter(String counter) {
        return counter.equals(CampaignProgress.SENT) || counter.equals(CampaignProgress.UNKNOWN) || counter.equals(CampaignProgress.SUPPRESSED)
                || counter.startsWith("failed.") || counter.startsWith(CampaignProgress.VARIANT)
                || (counter.startsWith("skipped.") && !counter.equals("skipped." + RecipientSender.NO_CONTACT));
    }
}
