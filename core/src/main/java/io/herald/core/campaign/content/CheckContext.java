package io.herald.core.campaign.content;

import java.util.List;
import java.util.Set;

/**
 * What an email is checked against before it is handed to a provider.
 *
 * @param unsubscribeUrl the recipient's one-click unsubscribe URL
 * @param postalAddress the tenant's postal address, which the footer must show
 * @param ctaUrl the campaign brief's call-to-action URL, always an allowed link
 * @param linkDomains the tenant's allowed link hosts (subdomains included)
 * @param insertedValues the merge-field values rendered into the email: a contact's own text is not a placeholder the
 *                       template left behind, even when it reads like one
 */
public record CheckContext(String unsubscribeUrl, String postalAddress, String ctaUrl, List<String> linkDomains,
        Set<String> insertedValues) {

    public CheckContext {
        linkDomains = linkDomains == null ? List.of() : List.copyOf(linkDomains);
        insertedValues = insertedValues == null ? Set.of() : Set.copyOf(insertedValues);
    }
}
