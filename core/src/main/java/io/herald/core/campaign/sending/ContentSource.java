package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.contact.Contact;

import java.util.Optional;

/**
 * The seam to campaign content ({@code CampaignContentService}): which content group a recipient is in, writing a
 * group's content (the generate step), and finding it ready (the send step).
 */
public interface ContentSource {

    /** The recipient's content group key (language, and the campaign's group-by attribute). */
    String groupKey(Campaign campaign, Contact contact);

    /** Writes or finds the content of one group and variant; never sleeps on a rate limit (RETRY_LATER instead). */
    Prepared prepare(Campaign campaign, String groupKey, String variantId);

    /** The content ready for the group and variant, or empty while it is being written or is held. */
    Optional<CampaignContent> ready(Campaign campaign, String groupKey, String variantId);

    /**
     * The content for one recipient: in per-recipient mode written for them while the campaign's token budget lasts,
     * otherwise (and after that) the group's ready content.
     */
    default Optional<CampaignContent> readyFor(Campaign campaign, String groupKey, String variantId, Contact contact) {
        return ready(campaign, groupKey, variantId);
    }
}
