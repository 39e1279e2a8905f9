package io.herald.core.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What a tenant allows its generated content to contain and the model to see.
 *
 * @param modelFields contact fields that may ever be sent to the model ({@code locale}, {@code timezone},
 *                    {@code email}, or {@code attributes.<name>}); nothing else leaves Herald (data minimization)
 * @param linkDomains hosts (and their subdomains) that links in generated content may point to, besides the brief's CTA URL
 * @param bannedPhrases phrases generated content must never contain (matched case-insensitively)
 * @param brandName the sender's name, used by prompts and by the template composer
 */
@RegisterForReflection
public record TenantSettings(List<String> modelFields, List<String> linkDomains, List<String> bannedPhrases, String brandName) {

    public static TenantSettings defaults(String brandName) {
        return new TenantSettings(List.of("locale", "timezone"), List.of(), List.of(), brandName);
    }

    public TenantSettings {
        modelFields = modelFields == null ? List.of() : List.copyOf(modelFields);
        linkDomains = linkDomains == null ? List.of() : List.copyOf(linkDomains);
        bannedPhrases = bannedPhrases == null ? List.of() : List.copyOf(bannedPhrases);
    }
}
