package io.herald.core.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What a tenant allows its generated content to contain and the model to see.
 *
 * @param modelFields contact fields that may ever be sent to the model ({@code id}, {@code email}, {@code locale},
 *                    {@code timezone}, {@code consent}, {@code attributes.<name>}, or {@code events} for the contact's
 *                    latest event types and times); a field reaches the model only when the prompt's
 *                    {@code profileFields} lists it too, and nothing else leaves Herald (data minimization).
 *                    The defaults are {@code locale} and {@code timezone}: no events.
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
        modelFields = copy(modelFields);
        linkDomains = copy(linkDomains);
        bannedPhrases = copy(bannedPhrases);
    }

    /** Unlike List.copyOf, keeps a null entry, so that validation can name it instead of failing on it. */
    private static List<String> copy(List<String> entries) {
        return entries == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(entries));
    }
}
