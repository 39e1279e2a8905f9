package io.herald.core.campaign;

import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.delivery.ProviderKind;

import java.util.List;

/** A campaign as a caller describes it, before validation; see {@link Campaign} for the fields. */
public record CampaignDraft(String name, Channel channel, Brief brief, List<VariantSpec> variants, CampaignSegment segment,
        Sender sender, ProviderKind provider, Schedule schedule, SendWindow sendWindow, QuietHours quietHours,
        Integer rateLimitPerMinute, ContentOptions content) {
}
