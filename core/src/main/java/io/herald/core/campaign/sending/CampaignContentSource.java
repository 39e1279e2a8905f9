package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.CampaignContentService;
import io.herald.core.campaign.content.CampaignContentSpec;
import io.herald.core.campaign.content.ContentMode;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.contact.Contact;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The worker's content seam, answered by campaign content: groups, generation per group and variant, ready content. */
@ApplicationScoped
public class CampaignContentSource implements ContentSource {

    private final CampaignContentService content;

    public CampaignContentSource(CampaignContentService content) {
        this.content = content;
    }

    @Override
    public String groupKey(Campaign campaign, Contact contact) {
        return content.group(campaign.tenantId(), CampaignContentSpec.from(campaign), contact).key();
    }

    @Override
    public Prepared prepare(Campaign campaign, String groupKey, String variantId) {
        CampaignContentSpec spec = CampaignContentSpec.from(campaign);
        return content.prepare(campaign.tenantId(), spec, content.group(campaign.tenantId(), spec, groupKey), variantId);
    }

    @Override
    public Optional<CampaignContent> ready(Campaign campaign, String groupKey, String variantId) {
        CampaignContentSpec spec = CampaignContentSpec.from(campaign);
        return content.ready(campaign.tenantId(), spec, content.group(campaign.tenantId(), spec, groupKey), variantId);
    }

    @Override
    public Optional<CampaignContent> readyFor(Campaign campaign, String groupKey, String variantId, Contact contact) {
        CampaignContentSpec spec = CampaignContentSpec.from(campaign);
        if (spec.mode() != ContentMode.perRecipient || contact == null) {
            return ready(campaign, groupKey, variantId);
        }
        Prepared prepared = content.prepareFor(campaign.tenantId(), spec, content.group(campaign.tenantId(), spec, groupKey), variantId, contact);
        return prepared.status() == Prepared.Status.READY ? Optional.of(prepared.content()) : Optional.empty();
    }
}
