package io.herald.core.queue;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The SQS calls, one method each, under SmallRye Fault Tolerance: a dropped connection or a throttled call is
 * tried again with a jittered pause, and a hung call ends instead of eating the function's time. A call that
 * fails anyway reaches the caller, whose SQS record then fails and is redelivered.
 */
@ApplicationScoped
class SqsCalls {

    private final SqsClient sqs;

    SqsCalls(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Retry(maxRetries = 3, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = SdkException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    SendMessageBatchResponse sendBatch(String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        return sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
    }

    @Retry(maxRetries = 3, delay = 100, jitter = 100, delayUnit = ChronoUnit.MILLIS, retryOn = SdkException.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    void changeVisibility(String queueUrl, String receiptHandle, int seconds) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle).visibilityTimeout(seconds));
    }
}
