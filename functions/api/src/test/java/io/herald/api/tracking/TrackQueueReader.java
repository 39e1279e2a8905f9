package io.herald.api.tracking;

import io.herald.api.testing.HeraldTestResources;
import io.herald.core.tracking.TrackJob;
import io.herald.core.tracking.TrackQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the jobs one tenant's requests put on the herald-track queue, which every test shares: another tenant's
 * messages are made visible again at once, so a test never takes what belongs to another.
 */
final class TrackQueueReader {

    private TrackQueueReader() {
    }

    /** Waits up to a few seconds for at least {@code expected} jobs of the tenant, deleting those it returns. */
    static List<TrackJob> jobs(TrackQueue queue, String tenantId, int expected) throws Exception {
        List<TrackJob> found = new ArrayList<>();
        String url = HeraldTestResources.queueUrl("herald-track");
        try (SqsClient sqs = HeraldTestResources.sqs()) {
            long until = System.currentTimeMillis() + 10_000;
            while (found.size() < expected && System.currentTimeMillis() < until) {
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    TrackJob job;
                    try {
                        job = queue.read(message.body());
                    } catch (Exception notATrackJob) {
                        job = null;
                    }
                    if (job != null && tenantId.equals(job.tenantId())) {
                        found.add(job);
                        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
                    } else {
                        sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    }
                }
            }
        }
        return found;
    }
}
