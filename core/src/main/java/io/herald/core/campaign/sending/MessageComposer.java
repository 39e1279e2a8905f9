package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.CheckContext;
import io.herald.core.campaign.content.MergeFields;
import io.herald.core.campaign.content.PreSendChecks;
import io.herald.core.campaign.content.PreSendResult;
import io.herald.core.contact.Contact;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.UnsubscribeHeaders;
import org.jsoup.nodes.Entities;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recipient's email from the campaign content: merge fields rendered (HTML-escaped in the HTML part), the
 * footer with the tenant's postal address and the recipient's unsubscribe link in both parts, the RFC 8058 headers
 * and Herald's message id; then the pre-send checks on exactly what will be sent.
 */
final class MessageComposer {

    private MessageComposer() {
    }

    /** The email and the verdict of the pre-send checks on it. */
    record Composed(OutboundEmail email, PreSendResult checks) {
    }

    static Composed compose(Campaign campaign, CampaignContent content, Contact contact, String to, String messageId,
            URI unsubscribe, UnsubscribeHeaders unsubscribeHeaders, String postalAddress, List<String> linkDomains, boolean test) {
        MergeFields.Rendered rendered = MergeFields.render(content.variant(), contact, content.mergeFields() == null ? List.of() : content.mergeFields());
        String link = unsubscribe.toString();
        String address = postalAddress == null ? "" : postalAddress;
        String html = withHtmlFooter(rendered.html(), address, link);
        String text = (rendered.text() == null ? "" : rendered.text().stripTrailing())
                + "\n\n--\n" + address + "\nUnsubscribe: " + link + "\n";
        Map<String, String> headers = new LinkedHashMap<>(unsubscribeHeaders.asMap());
        headers.put(OutboundEmail.MESSAGE_ID_HEADER, messageId);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("campaign", campaign.id());
        tags.put("variant", content.variantId());
        if (test) {
            tags.put("test", "true");
        }
        String subject = (test ? "[Test] " : "") + rendered.subject();
        OutboundEmail email = new OutboundEmail(messageId, campaign.tenantId(), campaign.sender().from(), campaign.sender().replyTo(),
                to, subject, html, text, headers, tags);
        CheckContext context = new CheckContext(link, postalAddress, campaign.brief() == null ? null : campaign.brief().ctaUrl(),
                linkDomains, rendered);
        return new Composed(email, PreSendChecks.check(email, context));
    }

    private static String withHtmlFooter(String html, String postalAddress, String link) {
        String footer = "<div class=\"herald-footer\" style=\"font-size:12px;color:#666\"><p>" + Entities.escape(postalAddress)
                + "</p><p><a href=\"" + Entities.escape(link) + "\">Unsubscribe</a></p></div>";
        String body = html == null ? "" : html;
        int close = body.toLowerCase(java.util.Locale.ROOT).lastIndexOf("</body>");
        return close < 0 ? body + footer : body.substring(0, close) + footer + body.substring(close);
    }
}
