package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.contact.Contact;

/**
 * The seam to campaign content ({@code CampaignContentService}, wired by {@link CampaignContents}): which content
 * group a recipient is in, writing a group's content (the generate step), and the recipient's content (the send step:
 * the stored group content, or in per-recipient mode their own).
 */
public interface ContentSource {

    /** The recipient's content group (language, and the campaign's group-by attribute); a null contact gets the campaign's default group. */
    ContentGroup group(Campaign campaign, Contact contact);

    /** Writes or finds the content of one group and variant; never sleeps on a rate limit (RETRY_LATER instead). */
    Prepared prepare(Campaign campaign, ContentGroup group, String variantId);

    /** The content one recipient gets; a null contact (a test copy) gets the group's. */
    Prepared forRecipient(Campaign campaign, ContentGroup group, String variantId, Contact contact);
}
