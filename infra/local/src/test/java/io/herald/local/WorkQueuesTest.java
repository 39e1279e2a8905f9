package io.herald.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queues as ElasticMQ reports them back through the SQS API. */
class WorkQueuesTest {

    private static ElasticMq elasticMq;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        elasticMq = ElasticMq.start();
        sqs = elasticMq.client();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        elasticMq.close();
    }

    @Test
    void aQueueRedrivesToItsOwnDlqAfterFiveReceivesByDefault() throws IOException {
        WorkQueues.Queue queue = WorkQueues.ensure(sqs, WorkQueues.Spec.of(WorkQueues.SEND, Duration.ofSeconds(60)));

        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue.url()).attributeNamesWithStrings("All")).attributesAsStrings();
        assertThat(attributes).containsEntry("VisibilityTimeout", "60");
        Map<?, ?> redrive = new ObjectMapper().readValue(attributes.get("RedrivePolicy"), Map.class);
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(queue.dlqArn());
        assertThat(String.valueOf(redrive.get("maxReceiveCount"))).isEqualTo("5");
        assertThat(queue.dlqArn()).endsWith(":herald-send-dlq");
        // ElasticMQ accepts MessageRetentionPeriod but does not report it back, so the DLQ's 14 days are not checked here.
        assertThat(queue.url()).endsWith("/herald-send");
    }

    @Test
    void creatingTheSameQueuesAgainChangesNothing() {
        WorkQueues.Spec spec = new WorkQueues.Spec(WorkQueues.GENERATE, Duration.ofSeconds(30), 4);

        assertThat(WorkQueues.ensure(sqs, spec)).isEqualTo(WorkQueues.ensure(sqs, spec));
    }

    @Test
    void impossibleQueuesAreRefusedBeforeSqsIsAsked() {
        assertThatThrownBy(() -> new WorkQueues.Spec("has space", Duration.ofSeconds(30), 5)).hasMessageContaining("queue name");
        assertThatThrownBy(() -> new WorkQueues.Spec("q", Duration.ofMillis(1500), 5)).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> new WorkQueues.Spec("q", Duration.ofHours(13), 5)).hasMessageContaining("43200");
        assertThatThrownBy(() -> new WorkQueues.Spec("q", Duration.ofSeconds(30), 0)).hasMessageContaining("maxReceiveCount");
    }
}
