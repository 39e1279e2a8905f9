package io.herald.core.campaign.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.contact.Contact;
import io.herald.core.content.Channel;
import io.herald.core.content.Variant;
import io.herald.core.content.VariantDraft;
import io.herald.core.content.guardrails.ContentChecks;
import io.herald.core.delivery.OutboundEmail;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Campaign content, contacts and emails for the tests of this package. */
final class CampaignEmails {

    static final String CTA = "https://shop.example.com/spring";
    static final String UNSUBSCRIBE = "https://api.herald.example/u/tok3n";
    static final String ADDRESS = "Acme Ltd\n1 Market Street\nLondon EC1 1AA";
    static final List<MergeField> DECLARED = List.of(new MergeField("firstName", "there"), new MergeField("lastName", ""));
    static final ObjectMapper JSON = new ObjectMapper();

    private CampaignEmails() {
    }

    static ContentChecks.Rules rules(Set<String> mergeFields) {
        return new ContentChecks.Rules(Channel.email, null, CTA, List.of("example.com"), List.of(), 3, mergeFields);
    }

    /** A checked email variant as a campaign's content would hold it. */
    static Variant content(String subject, String html) {
        return ContentChecks.check(1, VariantDraft.email(subject, "Picked for you", html), rules(Set.of("firstName", "lastName", "city")));
    }

    static Variant greeting() {
        return content("Spring for {{firstName}}", "<p>Hi {{firstName}} {{lastName}},</p><p>Our spring range is in.</p>"
                + "<p><a href=\"" + CTA + "\">Shop</a></p>");
    }

    static Contact contact(Map<String, ?> attributes) {
        return new Contact("c-1", "ana@example.org", JSON.valueToTree(attributes), null, "en-GB", Map.of(), null, null);
    }

    static Contact contact(ObjectNode attributes, String locale) {
        return new Contact("c-1", "ana@example.org", attributes, null, locale, Map.of(), null, null);
    }

    static OutboundEmail email(MergeFields.Rendered rendered) {
        return EmailAssembler.assemble(new EmailAssembler.Envelope("m-1", "t-1", "Acme <news@example.com>", null, "ana@example.org",
                Map.of("campaign", "c1")), rendered, new EmailAssembler.Footer("Acme", ADDRESS, UNSUBSCRIBE, "en"));
    }

    static CheckContext context(MergeFields.Rendered rendered) {
        return new CheckContext(UNSUBSCRIBE, ADDRESS, CTA, List.of("example.com"), rendered);
    }
}
