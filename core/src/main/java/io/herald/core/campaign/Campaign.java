package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.campaign.content.CampaignContentSpec;
import io.herald.core.campaign.content.MergeField;
import io.herald.core.campaign.content.VariantPrompt;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.ProviderKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * A campaign: one message, in up to five variants, to a segment's contacts, at a schedule, through a provider.
 *
 * @param id Herald's id; ids sort by creation time
 * @param tenantId the tenant it belongs to
 * @param name what the marketer calls it
 * @param channel {@code email}
 * @param status where it is in its life
 * @param brief what the content is for
 * @param variants one to five, with their prompt versions and weights
 * @param segment the audience, with its version pinned
 * @param sender the from and reply-to addresses
 * @param provider the tenant's provider account that sends it
 * @param schedule when it goes out
 * @param sendWindow local times a message may go out, or null for any time
 * @param quietHours local times nothing goes out, or null for none
 * @param rateLimitPerMinute the most messages sent in any 60 seconds
 * @param content how the content is made
 * @param pausedFrom the state a paused campaign resumes to ({@code scheduled} or {@code running}), else null
 * @param dueAt when the planner should next look at it; kept while paused, so that resuming knows it
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Campaign(String id, String tenantId, String name, Channel channel, CampaignStatus status, Brief brief, List<VariantSpec> variants,
        CampaignSegment segment, Sender sender, ProviderKind provider, Schedule schedule, SendWindow sendWindow,
        QuietHours quietHours, int rateLimitPerMinute, ContentOptions content, CampaignStatus pausedFrom, Instant dueAt,
        Instant createdAt, Instant updatedAt) {

    /** The send-time rules of this campaign. */
    public SendTimePlanner planner() {
        return new SendTimePlanner(schedule, sendWindow, quietHours);
    }

    /** What the content step needs of this campaign. */
    public CampaignContentSpec contentSpec() {
        return contentSpec(id, brief, variants, content);
    }

    static CampaignContentSpec contentSpec(String campaignId, Brief brief, List<VariantSpec> variants, ContentOptions content) {
        List<VariantPrompt> prompts = variants.stream().map(v -> new VariantPrompt(v.id(), v.prompt())).toList();
        List<MergeField> fields = content.mergeFields().entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey()).map(f -> new MergeField(f.getKey(), f.getValue())).toList();
        return new CampaignContentSpec(campaignId, brief, prompts, content.groupBy(), fields, content.fallback(), content.mode(),
                content.tokenBudget(), null, null);
    }

    Campaign moved(CampaignStatus target, CampaignStatus resumeTo, Instant due, Instant now) {
        return new Campaign(id, tenantId, name, channel, target, brief, variants, segment, sender, provider, schedule, sendWindow, quietHours,
                rateLimitPerMinute, content, resumeTo, due, createdAt, now);
    }

    Campaign withDue(Instant due, Instant now) {
        return moved(status, pausedFrom, due, now);
    }
}
