package io.herald.core.campaign.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.herald.core.queue.ReceivedMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code generate} step: one content group x variant per message. A model rate limit or outage puts the job
 * back on the queue with the model's delay and acknowledges this delivery (a delayed re-enqueue, not a visibility
 * change: an outage can outlast the queue's five receives, and a healthy job must not reach the DLQ for it; the
 * attempt count in the body bounds it instead). Held content counts as {@code held} in the campaign's progress.
 */
@ApplicationScoped
public class ContentGenerator {

    private static final Logger LOG = Logger.getLogger(ContentGenerator.class);

    private final CampaignService campaigns;
    private final ContentSource content;
    private final Queues queues;
    private final ObjectMapper json;
    private final GenerateConfig config;

    public ContentGenerator(CampaignService campaigns, ContentSource content, Queues queues,
            ObjectMapper json, GenerateConfig config) {
        this.campaigns = campaigns;
        this.content = content;
        this.queues = queues;
        this.json = json;
        this.config = config;
    }

    /** Answers the message ids to leave on the queue. */
    public Set<String> generateAll(List<ReceivedMessage> batch) {
        Set<String> failed = new LinkedHashSet<>();
        for (ReceivedMessage message : batch) {
            try {
                if (!generate(message)) {
                    failed.add(message.messageId());
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "generate message %s failed; SQS will deliver it again", message.messageId());
                failed.add(message.messageId());
            }
        }
        return failed;
    }

    private boolean generate(ReceivedMessage message) {
        Optional<GenerateJob> parsed = parse(message);
        Optional<Campaign> campaign = parsed.flatMap(job -> campaigns.find(job.tenantId(), job.campaignId()));
        if (campaign.isEmpty()) {
            LOG.errorf("generate message %s names no campaign; it stays on the queue until it reaches the DLQ", message.messageId());
            return false;
        }
        GenerateJob job = parsed.get();
        Prepared prepared = content.prepare(campaign.get(), job.groupKey(), job.variantId());
        switch (prepared.status()) {
            case READY -> {
                return true;
            }
            case HELD -> {
                // counted once per held group and variant where the hold is stored (campaign content), not per redelivery
                LOG.warnf("campaign %s group %s variant %s held: %s", job.campaignId(), job.groupKey(), job.variantId(), prepared.reason());
                return true;
            }
            default -> {
                if (job.attemptsSoFar() >= config.maxRetries()) {
                    return false;
                }
                Duration delay = prepared.retryAfter() != null ? prepared.retryAfter() : config.retryDelay();
                queues.send(queues.generateQueue(), new QueueMessage(write(job.again()), delay));
                return true;
            }
        }
    }

    private Optional<GenerateJob> parse(ReceivedMessage message) {
        try {
            GenerateJob job = json.readValue(message.body(), GenerateJob.class);
            return job != null && job.isValid() ? Optional.of(job) : Optional.empty();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String write(GenerateJob job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a generate job", e);
        }
    }
}
