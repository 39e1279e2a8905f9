package io.herald.core.campaign.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.content.GeneratedContent;
import io.herald.core.content.Variant;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * The content of one campaign variant for one content group (or, in per-recipient mode, one recipient), as stored:
 * the template with its merge fields, and the audit record of how it was written.
 *
 * @param id the content id, carried by every message that uses it
 * @param campaignId the campaign
 * @param groupKey the content group ({@link ContentGroup#key()})
 * @param variantId the campaign's variant
 * @param cacheKey the hash of everything that shaped it ({@link ContentCacheKey}); a re-run with the same key reuses it
 * @param contactId the recipient it was written for in per-recipient mode, else null
 * @param mergeFields the merge fields it may carry, rendered per recipient
 * @param heldReason why nothing could be written, when held; null when the content is ready
 * @param generated the checked content (one variant) with model, prompt name/version/hash, parameters, seed, token
 *                  usage and source; null when held
 * @param createdAt when it was written or held
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignContent(String id, String campaignId, String groupKey, String variantId, String cacheKey,
        String contactId, List<MergeField> mergeFields, String heldReason, GeneratedContent generated, Instant createdAt) {

    public boolean held() {
        return heldReason != null;
    }

    /** The one checked variant: subject, preheader, html and text with their merge fields. */
    public Variant variant() {
        return generated.variants().get(0);
    }

    public ContentStamp stamp() {
        return new ContentStamp(id, variantId, groupKey, generated.source(), generated.prompt().name(),
                generated.prompt().version(), generated.prompt().hash(), contactId != null);
    }
}
