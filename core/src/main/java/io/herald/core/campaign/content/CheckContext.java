package io.herald.core.campaign.content;

import java.util.List;

/**
 * What an email is checked against before it is handed to a provider.
 *
 * @param unsubscribeUrl the recipient's one-click unsubscribe URL
 * @param postalAddress the tenant's postal address, which the footer must show
 * @param ctaUrl the campaign brief's call-to-action URL, always an allowed link
 * @param linkDomains the tenant's allowed link hosts (subdomains included)
 * @param content the rendered campaign content the email was assembled from, or null: the placeholders its template
 *                left are found without any recipient's value ({@link MergeFields.Rendered#unrendered()}), and the
 *                recipient's values are not scanned, so that a contact whose name reads {@code {{lastName}}} is not
 *                mistaken for a template fault and cannot hide one
 */
public record CheckContext(String unsubscribeUrl, String postalAddress, String ctaUrl, List<String> linkDomains,
        MergeFields.Rendered content) {

    public CheckContext {
        linkDomains = linkDomains == null ? List.of() : List.copyOf(linkDomains);
    }
}
