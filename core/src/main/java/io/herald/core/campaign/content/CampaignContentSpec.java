package io.herald.core.campaign.content;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.ContentOptions;
import io.herald.core.contact.ProfileRules;
import io.herald.core.content.Brief;
import io.herald.core.content.GenerationRequests;
import io.herald.core.content.ModelParameters;
import io.herald.core.content.guardrails.Placeholders;
import io.herald.core.errors.HeraldException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What campaign content is generated from: the part of a campaign this package needs, so that the worker can build it
 * from a stored campaign.
 *
 * @param campaignId the campaign
 * @param brief the campaign's brief; its language is replaced by each content group's language
 * @param variants the variants and their prompts (1 to 5)
 * @param groupBy a contact attribute that splits the audience into content groups besides the language, or null
 * @param mergeFields the merge fields the content may carry, each with its default
 * @param fallback what happens when the model cannot write a group's content ({@code template} or {@code hold})
 * @param mode {@code perVariant} (default) or {@code perRecipient}
 * @param tokenBudget the most tokens per-recipient mode may spend for the campaign (per-recipient mode only)
 * @param defaultLanguage the language of recipients without a locale (default {@code en})
 * @param parameters model settings, or null for the defaults
 */
@RegisterForReflection
public record CampaignContentSpec(String campaignId, Brief brief, List<VariantPrompt> variants, String groupBy,
        List<MergeField> mergeFields, ContentFallback fallback, ContentMode mode, Long tokenBudget, String defaultLanguage,
        ModelParameters parameters) {

    static final Pattern VARIANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    static final int MAX_DEFAULT = 100;

    public CampaignContentSpec {
        variants = variants == null ? List.of() : List.copyOf(variants);
        mergeFields = mergeFields == null ? List.of() : List.copyOf(mergeFields);
        fallback = fallback == null ? ContentFallback.template : fallback;
        mode = mode == null ? ContentMode.perVariant : mode;
        defaultLanguage = defaultLanguage == null ? "en" : defaultLanguage;
    }

    /** What campaign content needs of a stored campaign. */
    public static CampaignContentSpec from(Campaign campaign) {
        ContentOptions options = campaign.content() == null ? ContentOptions.defaults() : campaign.content();
        List<VariantPrompt> prompts = campaign.variants().stream().map(v -> new VariantPrompt(v.id(), v.prompt())).toList();
        List<MergeField> fields = options.mergeFields() == null ? List.of() : options.mergeFields().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(field -> new MergeField(field.getKey(), field.getValue())).toList();
        return new CampaignContentSpec(campaign.id(), campaign.brief(), prompts, options.groupBy(), fields,
                options.fallback() == null ? null : ContentFallback.valueOf(options.fallback().name()),
                options.mode() == null ? null : ContentMode.valueOf(options.mode().name()), options.tokenBudget(),
                campaign.brief() == null ? null : campaign.brief().language(), null);
    }

    public VariantPrompt variant(String variantId) {
        return variants.stream().filter(v -> v.variantId().equals(variantId)).findFirst()
                .orElseThrow(() -> HeraldException.notFound("variant", variantId));
    }

    public List<String> mergeFieldNames() {
        return mergeFields.stream().map(MergeField::name).toList();
    }

    /**
     * A 400 naming the field when the content settings are wrong; for the campaign's create request. The brief and
     * prompt references are checked where the campaign is created.
     */
    public CampaignContentSpec validate() {
        if (variants.isEmpty() || variants.size() > GenerationRequests.MAX_VARIANTS) {
            throw HeraldException.invalid("variants: " + variants.size() + " variant(s), give 1 to " + GenerationRequests.MAX_VARIANTS);
        }
        Set<String> ids = new HashSet<>();
        for (VariantPrompt variant : variants) {
            if (variant == null || variant.variantId() == null || !VARIANT_ID.matcher(variant.variantId()).matches()) {
                throw HeraldException.invalid("variants[].id: 1 to 32 letters, digits, '-' or '_', starting with a letter or digit");
            }
            if (!ids.add(variant.variantId())) {
                throw HeraldException.invalid("variants[].id: '" + variant.variantId() + "' appears twice");
            }
        }
        if (groupBy != null && !ATTRIBUTE.matcher(groupBy).matches()) {
            throw HeraldException.invalid("groupBy: '" + groupBy + "' is not an attribute name (1 to 64 letters, digits, '_' or '-')");
        }
        Set<String> names = new HashSet<>();
        for (MergeField field : mergeFields) {
            if (field == null || !MergeFields.ALLOWED.contains(field.name())) {
                throw HeraldException.invalid("mergeFields[].name: '" + (field == null ? null : field.name())
                        + "' is not a merge field; use " + MergeFields.ALLOWED);
            }
            if (!names.add(field.name())) {
                throw HeraldException.invalid("mergeFields[].name: '" + field.name() + "' appears twice");
            }
            String fallbackValue = field.defaultValue() == null ? "" : field.defaultValue();
            if (fallbackValue.codePointCount(0, fallbackValue.length()) > MAX_DEFAULT) {
                throw HeraldException.invalid("mergeFields[" + field.name() + "].default: at most " + MAX_DEFAULT + " characters");
            }
            if (!Placeholders.find(fallbackValue).isEmpty()) {
                throw HeraldException.invalid("mergeFields[" + field.name() + "].default: must be plain text, not a placeholder");
            }
        }
        if (mode == ContentMode.perRecipient && (tokenBudget == null || tokenBudget < 1)) {
            throw HeraldException.invalid("tokenBudget: required for mode perRecipient, a positive number of tokens");
        }
        if (tokenBudget != null && tokenBudget < 0) {
            throw HeraldException.invalid("tokenBudget: must not be negative");
        }
        try {
            String language = ProfileRules.locale(defaultLanguage);
            if (language.toLowerCase(Locale.ROOT).equals("und")) {
                throw HeraldException.invalid("und");
            }
        } catch (HeraldException malformed) {
            throw HeraldException.invalid("defaultLanguage: '" + defaultLanguage + "' is not a BCP 47 language tag such as en or zh");
        }
        return this;
    }
}
