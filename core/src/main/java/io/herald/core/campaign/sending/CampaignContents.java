package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.ContentOptions;
import io.herald.core.campaign.VariantSpec;
import io.herald.core.campaign.content.CampaignContentService;
import io.herald.core.campaign.content.CampaignContentSpec;
import io.herald.core.campaign.content.ContentFallback;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.ContentMode;
import io.herald.core.campaign.content.MergeField;
import io.herald.core.campaign.content.Prepared;
import io.herald.core.campaign.content.VariantPrompt;
import io.herald.core.contact.Contact;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** {@link ContentSource} over campaign content: the campaign's content settings as a {@link CampaignContentSpec}. */
@ApplicationScoped
public class CampaignContents implements ContentSource {

    private final CampaignContentService content;

    public CampaignContents(CampaignContentService content) {
        this.content = content;
    }

    @Override
    public ContentGroup group(Campaign campaign, Contact contact) {
        CampaignContentSpec spec = spec(campaign);
        return contact == null ? ContentGroup.of(spec.defaultLanguage(), null, null) : ContentGroup.of(spec, contact);
    }

    @Override
    public Prepared prepare(Campaign campaign, ContentGroup group, String variantId) {
        return content.prepare(campaign.tenantId(), spec(campaign), group, variantId);
    }

    @Override
    public Prepared forRecipient(Campaign campaign, ContentGroup group, String variantId, Contact contact) {
        return content.prepareFor(campaign.tenantId(), spec(campaign), group, variantId, contact);
    }

    static CampaignContentSpec spec(Campaign campaign) {
        ContentOptions options = campaign.content() == null ? ContentOptions.defaults() : campaign.content();
        List<VariantPrompt> variants = campaign.variants().stream().map(CampaignContents::prompt).toList();
        Map<String, String> declared = options.mergeFields() == null ? Map.of() : options.mergeFields();
        List<MergeField> fields = declared.entrySet().stream().map(e -> new MergeField(e.getKey(), e.getValue())).toList();
        String language = campaign.brief() == null ? null : campaign.brief().language();
        return new CampaignContentSpec(campaign.id(), campaign.brief(), variants, options.groupBy(), fields,
                options.fallback() == null ? null : ContentFallback.valueOf(options.fallback().name()),
                options.mode() == null ? null : ContentMode.valueOf(options.mode().name()), options.tokenBudget(), language, null);
    }

    private static VariantPrompt prompt(VariantSpec variant) {
        return new VariantPrompt(variant.id(), variant.prompt());
    }
}
