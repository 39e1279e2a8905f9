package io.herald.core.campaign.sending;

import io.herald.core.campaign.CampaignProgress;
import io.herald.core.delivery.DeliveryException;
import io.herald.core.delivery.MessageContent;
import io.herald.core.delivery.MessageRecord;
import io.herald.core.delivery.MessageStatus;
import io.herald.core.delivery.ProviderKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record the send step writes maps back to the counter it counted, with its variant's. */
class SendOutcomesTest {

    private static MessageRecord record(MessageStatus status, String reason, String variant, boolean test) {
        MessageContent content = variant == null ? null : new MessageContent(variant, "cnt1", "all", "llm", null, null, null);
        return new MessageRecord("m-" + status + reason, "t", "cmp1", "c1", "a@example.com", content, status, "claim", Instant.EPOCH, null, 1,
                ProviderKind.ses, null, reason, null, Instant.EPOCH, test);
    }

    @Test
    void eachRecordCountsWhatTheSendStepCounted() {
        DeliveryException invalid = new DeliveryException(DeliveryException.Reason.INVALID_RECIPIENT, null, "550 no such user: here");
        assertThat(SendOutcomes.counter(record(MessageStatus.sent, null, "A", false))).contains(CampaignProgress.SENT);
        assertThat(SendOutcomes.counter(record(MessageStatus.unknown, "timeout", "A", false))).contains(CampaignProgress.UNKNOWN);
        assertThat(SendOutcomes.counter(record(MessageStatus.failed, SendOutcomes.providerFailure(invalid), "A", false)))
                .contains("failed.INVALID_RECIPIENT");
        assertThat(SendOutcomes.counter(record(MessageStatus.failed, SendOutcomes.preSendFailed("footer: missing"), "A", false)))
                .contains("failed." + RecipientSender.PRE_SEND);
        assertThat(SendOutcomes.counter(record(MessageStatus.failed, SendOutcomes.noCredentials(ProviderKind.ses), "A", false)))
                .contains("failed." + RecipientSender.NO_CREDENTIALS);
        assertThat(SendOutcomes.counter(record(MessageStatus.skipped, SendOutcomes.SUPPRESSED, null, false))).contains(CampaignProgress.SUPPRESSED);
        assertThat(SendOutcomes.counter(record(MessageStatus.skipped, SendOutcomes.NO_CONSENT, null, false))).contains(CampaignProgress.SKIPPED_NO_CONSENT);
        assertThat(SendOutcomes.counter(record(MessageStatus.skipped, SendOutcomes.NO_EMAIL, null, false))).contains(CampaignProgress.SKIPPED_NO_EMAIL);
        assertThat(SendOutcomes.counter(record(MessageStatus.sending, null, "A", false))).isEqualTo(Optional.empty());
        assertThat(SendOutcomes.counter(record(MessageStatus.retry, "RATE_LIMITED: slow down", "A", false))).isEmpty();
        assertThat(SendOutcomes.counter(record(MessageStatus.sent, null, "A", true))).isEmpty();
    }

    @Test
    void countsCarryTheVariantOfWhatReachedTheProvider() {
        Map<String, Long> counts = SendOutcomes.count(List.of(record(MessageStatus.sent, null, "A", false), record(MessageStatus.sent, null, "B", false),
                record(MessageStatus.failed, "REJECTED_CONTENT: spam", "B", false), record(MessageStatus.skipped, SendOutcomes.SUPPRESSED, null, false)));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("sent", 2L, "variant.A.sent", 1L, "variant.B.sent", 1L,
                "failed.REJECTED_CONTENT", 1L, "variant.B.failed", 1L, "suppressed", 1L));
        assertThat(counts.keySet()).allMatch(SendOutcomes::isMessageCounter);
        assertThat(SendOutcomes.isMessageCounter("skipped.noContact")).isFalse();
        assertThat(SendOutcomes.isMessageCounter("planned")).isFalse();
        assertThat(CampaignProgress.byVariant(counts)).isEqualTo(Map.of("A", Map.of("sent", 1L), "B", Map.of("sent", 1L, "failed", 1L)));
    }
}
