package io.herald.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the poller reads a function's answer, case by case, as Lambda documents {@code ReportBatchItemFailures}. */
class SqsPollerOutcomeTest {

    private static final List<Message> BATCH = List.of(message("id1"), message("id2"), message("id3"), message("id4"));

    @Test
    void theDocumentedResponseFailsExactlyTheNamedItems() {
        SqsPoller.Outcome outcome = SqsPoller.outcome(BATCH, 200,
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"id2\"},{\"itemIdentifier\":\"id4\"}]}");

        assertThat(outcome.deleted()).containsExactly("id1", "id3");
        assertThat(outcome.retried()).containsExactly("id2", "id4");
        assertThat(outcome.failure()).isEmpty();
    }

    @Test
    void noAnswerAnEmptyListOrANullListMeansEverythingSucceeded() {
        for (String body : new String[] {"", "{}", "{\"batchItemFailures\":[]}", "{\"batchItemFailures\":null}", "null"}) {
            assertThat(SqsPoller.outcome(BATCH, 200, body).deleted()).as(body).hasSize(4);
        }
        assertThat(SqsPoller.outcome(BATCH, 204, null).deleted()).hasSize(4);
    }

    @Test
    void anInvalidAnswerFailsTheWholeBatch() {
        for (String body : new String[] {
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
                "{\"batchItemFailures\":[{\"itemId\":\"id1\"}]}",
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"id9\"}]}",
                "{\"batchItemFailures\":\"id1\"}",
                "not json"}) {
            SqsPoller.Outcome outcome = SqsPoller.outcome(BATCH, 200, body);
            assertThat(outcome.deleted()).as(body).isEmpty();
            assertThat(outcome.retried()).as(body).hasSize(4);
            assertThat(outcome.failure()).as(body).isPresent();
        }
    }

    @Test
    void aFunctionErrorFailsTheWholeBatch() {
        SqsPoller.Outcome outcome = SqsPoller.outcome(BATCH, 500, "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.RuntimeException\"}");

        assertThat(outcome.deleted()).isEmpty();
        assertThat(outcome.failure()).hasValueSatisfying(why -> assertThat(why).contains("500").contains("boom"));
    }

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body("b").build();
    }
}
