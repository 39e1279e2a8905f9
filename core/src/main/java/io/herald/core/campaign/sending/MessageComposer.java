package io.herald.core.campaign.sending;

import io.herald.core.campaign.Campaign;
import io.herald.core.campaign.content.CampaignContent;
import io.herald.core.campaign.content.CheckContext;
import io.herald.core.campaign.content.ContentGroup;
import io.herald.core.campaign.content.EmailAssembler;
import io.herald.core.campaign.content.MergeFields;
import io.herald.core.campaign.content.PreSendChecks;
import io.herald.core.campaign.content.PreSendResult;
import io.herald.core.contact.Contact;
import io.herald.core.delivery.OutboundEmail;
import io.herald.core.delivery.UnsubscribeHeaders;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One recipient's email from the campaign content: merge fields rendered ({@link MergeFields}, HTML-escaped), the
 * footer and RFC 8058 headers ({@link EmailAssembler}, with compliance's header values), Herald's message id header;
 * then the pre-send checks on the email with its real links, and only once they pass the first-party tracking
 * rewrite. Checking first means the link allowlist judges where a link really goes, never the tracking redirect.
 */
final class MessageComposer {

    private MessageComposer() {
    }

    /** The email and the verdict of the pre-send checks on it. */
    record Composed(OutboundEmail email, PreSendResult checks) {
    }

    static Composed compose(Campaign campaign, CampaignContent content, ContentGroup group, Contact contact, String to, String messageId,
            URI unsubscribe, UnsubscribeHeaders unsubscribeHeaders, SenderProfile.Profile sender, boolean test) {
        return compose(campaign, content, group, contact, to, messageId, unsubscribe, unsubscribeHeaders, sender, test, UnaryOperator.identity());
    }

    /**
     * @param tracking the tracking rewrite, applied to an email that passed the checks (a refused one is never rewritten)
     */
    static Composed compose(Campaign campaign, CampaignContent content, ContentGroup group, Contact contact, String to, String messageId,
            URI unsubscribe, UnsubscribeHeaders unsubscribeHeaders, SenderProfile.Profile sender, boolean test,
            UnaryOperator<OutboundEmail> tracking) {
        MergeFields.Rendered rendered = MergeFields.render(content.variant(), contact, content.mergeFields() == null ? List.of() : content.mergeFields());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("campaign", campaign.id());
        tags.put("variant", content.variantId());
        if (test) {
            tags.put("test", "true");
        }
        OutboundEmail assembled = EmailAssembler.assemble(
                new EmailAssembler.Envelope(messageId, campaign.tenantId(), campaign.sender().from(), campaign.sender().replyTo(), to, tags),
                rendered, new EmailAssembler.Footer(sender.brand(), sender.postalAddress(), unsubscribe.toString(), group.language()));
        Map<String, String> headers = new LinkedHashMap<>(assembled.headers());
        headers.putAll(unsubscribeHeaders.asMap());
        headers.put(OutboundEmail.MESSAGE_ID_HEADER, messageId);
        OutboundEmail email = new OutboundEmail(messageId, assembled.tenantId(), assembled.from(), assembled.replyTo(), to,
                (test ? "[Test] " : "") + assembled.subject(), assembled.html(), assembled.text(), Map.copyOf(headers), assembled.tags());
        CheckContext context = new CheckContext(unsubscribe.toString(), sender.postalAddress(),
                campaign.brief() == null ? null : campaign.brief().ctaUrl(), sender.linkDomains(), rendered);
        PreSendResult checks = PreSendChecks.check(email, context);
        return new Composed(checks.passed() ? tracking.apply(email) : email, checks);
    }
}
