package io.herald.worker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The batch Lambda's SQS trigger delivers. Funqy's per-record dispatch is switched off
 * ({@code quarkus.funqy.amazon-lambda.advanced-event-handling.enabled=false}): the send step needs the whole batch,
 * to send its records concurrently and to add the campaign counters once per batch.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SqsEvent(@JsonProperty("Records") List<Record> records) {

    /** One SQS message as Lambda passes it. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Record(String messageId, String receiptHandle, String body, Map<String, String> attributes, String eventSourceARN) {

        /** How many times SQS has handed this message out, this time included. */
        public int receiveCount() {
            String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
            try {
                return count == null ? 1 : Integer.parseInt(count);
            } catch (NumberFormatException e) {
                return 1;
            }
        }
    }
}
