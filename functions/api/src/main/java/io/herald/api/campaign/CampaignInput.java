package io.herald.api.campaign;

import io.herald.core.campaign.CampaignDraft;
import io.herald.core.campaign.CampaignSegment;
import io.herald.core.campaign.ContentOptions;
import io.herald.core.campaign.QuietHours;
import io.herald.core.campaign.Schedule;
import io.herald.core.campaign.SendWindow;
import io.herald.core.campaign.Sender;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.PromptRef;
import io.herald.core.delivery.ProviderKind;
import io.herald.core.errors.HeraldException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/** A new campaign, stored as a draft until it is scheduled. */
@RegisterForReflection
@Schema(name = "CampaignInput", description = "A new email campaign: its content, audience, sender, provider and timing")
public record CampaignInput(
        @Schema(required = true, maxLength = 200, description = "What the marketer calls it", examples = "Spring win-back") String name,
        @Schema(description = "Only email for now", defaultValue = "email", examples = "email") Channel channel,
        @Schema(required = true, description = "What the content is for: goal, product, ctaUrl (required), tone; the language of each "
                + "content group comes from the recipients' locales") Brief brief,
        @Schema(required = true, minItems = 1, maxItems = 5, description = "1 to 5 variants, each with its prompt version; recipients are "
                + "split evenly between them") List<VariantInput> variants,
        @Schema(required = true, description = "The audience: a segment and its version (the latest when absent, pinned at creation)")
        CampaignSegment segment,
        @Schema(required = true, description = "from (its domain must be one of the tenant's senderDomains) and an optional replyTo")
        Sender sender,
        @Schema(required = true, description = "The provider account that sends it; it must have credentials (PUT /v1/providers/{kind})",
                enumeration = {"smtp", "ses", "sendgrid", "mailgun", "postmark"}, examples = "ses") String provider,
        @Schema(description = "When it goes out: now (default), at an instant, or at a local time of day in each recipient's zone")
        Schedule schedule,
        @Schema(description = "Local times (recipient's zone) a message may go out, start inclusive, end exclusive; may cross "
                + "midnight; any time when absent") SendWindow sendWindow,
        @Schema(description = "Local times (recipient's zone) nothing goes out, usually across midnight; none when absent")
        QuietHours quietHours,
        @Schema(minimum = "1", maximum = "100000", defaultValue = "600", description = "The most messages sent in any 60 seconds",
                examples = "600") Integer rateLimitPerMinute,
        @Schema(description = "How content is made: groupBy attribute, merge fields with defaults, fallback, mode and tokenBudget")
        ContentOptions content) {

    CampaignDraft toDraft() {
        List<VariantSpec> specs = variants == null ? null
                : variants.stream().map(v -> v == null ? null : new VariantSpec(v.id(), v.prompt(), null)).toList();
        return new CampaignDraft(name, channel, brief, specs, segment, sender, provider(provider), schedule, sendWindow, quietHours,
                rateLimitPerMinute, content);
    }

    private static ProviderKind provider(String kind) {
        if (kind == null) {
            return null;
        }
        return Arrays.stream(ProviderKind.values()).filter(k -> k.name().equals(kind)).findFirst().orElseThrow(() -> HeraldException.invalid(
                "provider: '" + kind + "' is not a provider; use one of " + Arrays.toString(ProviderKind.values())));
    }

    /** One variant as a request names it; its weight is Herald's to set. */
    @RegisterForReflection
    @Schema(name = "VariantInput")
    public record VariantInput(
            @Schema(required = true, pattern = "[A-Za-z0-9][A-Za-z0-9_-]{0,15}", description = "Unique within the campaign", examples = "A")
            String id,
            @Schema(description = "Prompt name and version (the latest when no version, pinned at creation); the built-in email "
                    + "prompt when absent") PromptRef prompt) {
    }
}
