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
 * @param senderDomains domains (and their subdomains) the tenant may send email from; a campaign's from address
 *                      must be in one of them. None by default: email needs at least one
 * @param postalAddress the sender's physical postal address, printed in every marketing email's footer (CAN-SPAM);
 *                      campaign email needs it
 * @param tracking first-party open and click tracking, both on by default ({@code {"opens": false}} turns the pixel off)
 */
@RegisterForReflection
public record TenantSettings(List<String> modelFields, List<String> linkDomains, List<String> bannedPhrases, String brandName,
        List<String> senderDomains, String postalAddress, TrackingSettings tracking) {

    /** Settings without a tracking part: tracking at its defaults. */
    public TenantSettings(List<String> modelFields, List<String> linkDomains, List<String> bannedPhrases, String brandName,
            List<String> senderDomains, String postalAddress) {
        this(modelFields, linkDomains, bannedPhrases, brandName, senderDomains, postalAddress, null);
    }

    public static TenantSettings defaults(String brandName) {
        return new TenantSettings(List.of("locale", "timezone"), List.of(), List.of(), brandName, List.of(), null, TrackingSettings.defaults());
    }

    /**
     * Whether the from address ({@code news@acme.example} or {@code "Acme <news@acme.example>"}) is in one of the
     * tenant's sender domains or a subdomain of one. False for anything that is not one address.
     */
    public static boolean senderDomainAllowed(TenantSettings settings, String fromAddress) {
        return SenderAddresses.domainOf(fromAddress)
                .map(domain -> settings.senderDomains().stream().anyMatch(allowed -> SenderAddresses.within(domain, allowed)))
                .orElse(false);
    }

    public TenantSettings {
        modelFields = copy(modelFields);
        linkDomains = copy(linkDomains);
        bannedPhrases = copy(bannedPhrases);
        senderDomains = copy(senderDomains);
        tracking = tracking == null ? TrackingSettings.defaults() : tracking;
    }

    /** Unlike List.copyOf, keeps a null entry, so that validation can name it instead of failing on it. */
    private static List<String> copy(List<String> entries) {
        return entries == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(entries));
    }
}
