package io.herald.core.campaign.content;

import io.herald.core.content.Brief;
import io.herald.core.content.ModelParameters;
import io.herald.core.tenant.TenantSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The hash of everything that shapes one content group's variant: the prompt (by its hash), the brief, the model
 * parameters, the variant, the group, the declared merge fields and the tenant settings the checks and the prompt
 * use. Stored content is found by it, so an unchanged campaign re-run makes no model call, and any change
 * writes new content.
 */
public final class ContentCacheKey {

    /** Raised when the key's recipe changes, so that old entries are not read with a new meaning. */
    static final String RECIPE = "campaign-content/1";
    private static final int CHARS = 32;

    private ContentCacheKey() {
    }

    public static String of(String promptHash, Brief brief, ModelParameters parameters, String variantId, ContentGroup group,
            List<String> mergeFields, TenantSettings settings, String brand, String contactId) {
        List<String> parts = new ArrayList<>(List.of(RECIPE, promptHash, variantId, group.key(), nz(group.value())));
        parts.addAll(List.of(nz(brief.goal()), nz(brief.product()), nz(brief.ctaUrl()), nz(brief.tone()), nz(brief.language())));
        parts.add(parameters == null ? "" : nz(parameters.model()) + "|" + parameters.temperature() + "|" + parameters.maxTokens()
                + "|" + parameters.seed());
        parts.add(String.join(",", new TreeSet<>(mergeFields)));
        parts.add(String.join(",", new TreeSet<>(settings.modelFields())));
        parts.add(String.join(",", new TreeSet<>(settings.linkDomains())));
        parts.add(String.join(",", new TreeSet<>(settings.bannedPhrases())));
        parts.add(nz(brand));
        parts.add(nz(contactId));
        return Hashes.sha256(parts).substring(0, CHARS);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
