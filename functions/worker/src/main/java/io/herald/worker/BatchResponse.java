package io.herald.worker;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Collection;
import java.util.List;

/**
 * The partial batch response: the records to leave on the queue (SQS redelivers them, and after the queue's
 * {@code maxReceiveCount} moves them to its DLQ). The event source needs {@code ReportBatchItemFailures}.
 */
@RegisterForReflection
public record BatchResponse(List<ItemFailure> batchItemFailures) {

    public static BatchResponse failing(Collection<String> messageIds) {
        return new BatchResponse(messageIds.stream().sorted().map(ItemFailure::new).toList());
    }

    /** One record to redeliver. */
    @RegisterForReflection
    public record ItemFailure(String itemIdentifier) {
    }
}
