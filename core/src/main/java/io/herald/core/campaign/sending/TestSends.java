package io.herald.core.campaign.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.CampaignService;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.contact.ProfileRules;
import io.herald.core.errors.HeraldException;
import io.herald.core.queue.QueueMessage;
import io.herald.core.queue.Queues;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /v1/campaigns/{id}/test}: one rendered copy of each variant to each given address, through the send
 * queue like every campaign email (the api never calls a provider), marked as a test and counted in no campaign
 * counter. The request id makes a replayed job send once.
 */
@ApplicationScoped
public class TestSends {

    /** A test goes to a few people, not an audience. */
    public static final int MAX_ADDRESSES = 10;

    private final CampaignService campaigns;
    private final Queues queues;
    private final ObjectMapper json;

    public TestSends(CampaignService campaigns, Queues queues, ObjectMapper json) {
        this.campaigns = campaigns;
        this.queues = queues;
        this.json = json;
    }

    /** What was queued: one copy per (address, variant). */
    @RegisterForReflection
    public record Queued(String requestId, List<String> to, List<String> variants, int copies) {
    }

    public Queued send(String tenantId, String campaignId, List<String> addresses) {
        if (addresses == null || addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
            throw HeraldException.invalid("to: give 1 to " + MAX_ADDRESSES + " addresses");
        }
        Set<String> to = new LinkedHashSet<>();
        for (int i = 0; i < addresses.size(); i++) {
            String address = addresses.get(i);
            if (address == null || !ProfileRules.isEmail(address.strip())) {
                throw HeraldException.invalid("to[" + i + "]: not an email address");
            }
            to.add(address.strip());
        }
        Campaign campaign = campaigns.get(tenantId, campaignId);
        String requestId = UUID.randomUUID().toString();
        List<QueueMessage> copies = new ArrayList<>();
        for (String address : to) {
            for (VariantSpec variant : campaign.variants()) {
                copies.add(QueueMessage.now(write(new SendJob(tenantId, campaignId, null,
                        new SendJob.TestCopy(requestId, address, variant.id()), null))));
            }
        }
        queues.sendAll(queues.sendQueue(), copies);
        return new Queued(requestId, List.copyOf(to), campaign.variants().stream().map(VariantSpec::id).toList(), copies.size());
    }

    private String write(SendJob job) {
        try {
            return json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a send job", e);
        }
    }
}
