package io.herald.core.campaign.content;

import io.herald.core.delivery.OutboundEmail;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.herald.core.campaign.content.CampaignEmails.ADDRESS;
import static io.herald.core.campaign.content.CampaignEmails.CTA;
import static io.herald.core.campaign.content.CampaignEmails.DECLARED;
import static io.herald.core.campaign.content.CampaignEmails.UNSUBSCRIBE;
import static io.herald.core.campaign.content.CampaignEmails.contact;
import static io.herald.core.campaign.content.CampaignEmails.context;
import static io.herald.core.campaign.content.CampaignEmails.email;
import static io.herald.core.campaign.content.CampaignEmails.greeting;
import static org.assertj.core.api.Assertions.assertThat;

class PreSendChecksTest {

    private final MergeFields.Rendered rendered = MergeFields.render(greeting(), contact(Map.of("firstName", "Ana", "lastName", "Li")), DECLARED);
    private final OutboundEmail assembled = email(rendered);

    private static OutboundEmail with(OutboundEmail email, UnaryOperator<String> html, UnaryOperator<String> text, Map<String, String> headers) {
        return new OutboundEmail(email.messageId(), email.tenantId(), email.from(), email.replyTo(), email.to(), email.subject(),
                html.apply(email.html()), text.apply(email.text()), headers, email.tags());
    }

    private List<String> failures(OutboundEmail email) {
        return PreSendChecks.check(email, context(rendered)).failures();
    }

    @Test
    void theAssembledEmailPassesEveryCheck() {
        PreSendResult result = PreSendChecks.check(assembled, context(rendered));
        assertThat(result.passed()).as(result.describeFailures()).isTrue();
        assertThat(result.checks()).extracting("name")
                .containsExactly("unsubscribeLink", "listUnsubscribe", "postalAddress", "links", "placeholders", "textPart");
    }

    @Test
    void theFooterCarriesTheAddressAndTheUnsubscribeLinkInBothPartsAndTheHeadersAreRfc8058s() {
        assertThat(assembled.headers()).containsEntry("List-Unsubscribe", "<" + UNSUBSCRIBE + ">")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(Jsoup.parseBodyFragment(assembled.html()).select("a[href=" + UNSUBSCRIBE + "]").text()).isEqualTo("Unsubscribe");
        assertThat(assembled.html()).contains("Acme Ltd<br>1 Market Street<br>London EC1 1AA");
        assertThat(assembled.text()).startsWith("Hi Ana Li,").endsWith("-- \nYou receive this email from Acme.\n" + ADDRESS
                + "\nUnsubscribe: " + UNSUBSCRIBE);
        assertThat(assembled.subject()).isEqualTo("Spring for Ana");
    }

    @Test
    void theFooterIsEscapedAndInTheGroupsLanguage() {
        OutboundEmail zh = EmailAssembler.assemble(new EmailAssembler.Envelope("m", "t", "f@example.com", null, "a@example.org", null),
                rendered, new EmailAssembler.Footer("<b>Acme</b>", "<script>x()</script> 1 Road", UNSUBSCRIBE, "zh-CN"));
        assertThat(zh.html()).contains("退订").contains("&lt;script&gt;x()&lt;/script&gt; 1 Road").doesNotContain("<script>", "<b>Acme");
        assertThat(zh.text()).endsWith("退订: " + UNSUBSCRIBE);
    }

    @Test
    void aMissingUnsubscribeLinkFailsNamingThePart() {
        OutboundEmail noText = with(assembled, h -> h, t -> t.replace(UNSUBSCRIBE, ""), assembled.headers());
        assertThat(failures(noText)).containsExactly("unsubscribeLink");
        assertThat(PreSendChecks.check(noText, context(rendered)).describeFailures()).contains("missing from the text part");
        OutboundEmail noHtml = with(assembled, h -> h.replace("href=\"" + UNSUBSCRIBE + "\"", "href=\"" + CTA + "\""), t -> t, assembled.headers());
        assertThat(failures(noHtml)).containsExactly("unsubscribeLink");
    }

    @Test
    void missingOrWrongOneClickHeadersFail() {
        assertThat(failures(with(assembled, h -> h, t -> t, Map.of("List-Unsubscribe", "<" + UNSUBSCRIBE + ">"))))
                .containsExactly("listUnsubscribe");
        assertThat(failures(with(assembled, h -> h, t -> t, Map.of("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))))
                .containsExactly("listUnsubscribe");
        Map<String, String> otherUrl = new HashMap<>(assembled.headers());
        otherUrl.put("List-Unsubscribe", "<mailto:unsub@example.com>");
        assertThat(failures(with(assembled, h -> h, t -> t, otherUrl))).containsExactly("listUnsubscribe");
        Map<String, String> lowerCase = Map.of("list-unsubscribe", "<" + UNSUBSCRIBE + ">", "list-unsubscribe-post", "List-Unsubscribe=One-Click");
        assertThat(failures(with(assembled, h -> h, t -> t, lowerCase))).isEmpty();
    }

    @Test
    void aPlainHttpUnsubscribeUrlIsRefusedExceptOnThisMachine() {
        String http = "http://api.herald.example/u/tok3n";
        OutboundEmail email = EmailAssembler.assemble(new EmailAssembler.Envelope("m", "t", "f@example.com", null, "a@example.org", null),
                rendered, new EmailAssembler.Footer("Acme", ADDRESS, http, "en"));
        PreSendResult result = PreSendChecks.check(email, new CheckContext(http, ADDRESS, CTA, List.of("example.com"), rendered));
        assertThat(result.failures()).containsExactly("listUnsubscribe");
        assertThat(result.describeFailures()).contains("https");
        String local = "http://localhost:8080/u/tok3n";
        OutboundEmail onThisMachine = EmailAssembler.assemble(new EmailAssembler.Envelope("m", "t", "f@example.com", null, "a@example.org", null),
                rendered, new EmailAssembler.Footer("Acme", ADDRESS, local, "en"));
        assertThat(PreSendChecks.check(onThisMachine, new CheckContext(local, ADDRESS, CTA, List.of(), rendered)).passed()).isTrue();
    }

    @Test
    void anUnsubscribeTokenEndingInPunctuationIsStillHeraldsOwnLink() {
        // base64url tokens may end in '_' or '-', which link extraction trims from text as trailing punctuation
        for (String url : List.of("https://api.herald.example/u/AQAEYWNtZQ_", "https://api.herald.example/u/AQAEYWNtZQ-",
                "https://api.herald.example/u/AQAE__")) {
            OutboundEmail email = EmailAssembler.assemble(new EmailAssembler.Envelope("m", "t", "f@example.com", null, "a@example.org", null),
                    rendered, new EmailAssembler.Footer("Acme", ADDRESS, url, "en"));
            PreSendResult result = PreSendChecks.check(email, new CheckContext(url, ADDRESS, CTA, List.of("example.com"), rendered));
            assertThat(result.passed()).as(url + ": " + result.describeFailures()).isTrue();
        }
    }

    @Test
    void theTenantsPostalAddressMustBeInBothParts() {
        assertThat(failures(with(assembled, h -> h, t -> t.replace("1 Market Street", ""), assembled.headers()))).containsExactly("postalAddress");
        PreSendResult noAddress = PreSendChecks.check(assembled, new CheckContext(UNSUBSCRIBE, " ", CTA, List.of("example.com"), rendered));
        assertThat(noAddress.failures()).containsExactly("postalAddress");
        assertThat(noAddress.describeFailures()).contains("has no postal address");
    }

    @Test
    void onlyTheCtaTheUnsubscribeLinkAndAllowedDomainsMayBeLinked() {
        OutboundEmail evil = with(assembled, h -> h + "<p><a href=\"https://evil.example/win\">win</a></p>", t -> t, assembled.headers());
        assertThat(failures(evil)).containsExactly("links");
        OutboundEmail bare = with(assembled, h -> h, t -> t + "\nsee evil.com/now", assembled.headers());
        assertThat(failures(bare)).containsExactly("links");
        OutboundEmail allowed = with(assembled, h -> h + "<p><a href=\"https://help.example.com/faq\">FAQ</a></p>", t -> t, assembled.headers());
        assertThat(failures(allowed)).isEmpty();
    }

    @Test
    void aPlaceholderLeftInAnyPartFails() {
        assertThat(failures(with(assembled, h -> h.replace("Ana", "{{firstName}}"), t -> t, assembled.headers()))).containsExactly("placeholders");
        assertThat(failures(with(assembled, h -> h, t -> t + " *|FNAME|*", assembled.headers()))).containsExactly("placeholders");
        assertThat(failures(with(assembled, h -> h.replace(CTA, CTA + "?c={{city}}"), t -> t, assembled.headers())))
                .contains("placeholders");
    }

    @Test
    void aContactWhoseNameReadsLikeAPlaceholderIsNotATemplateFault() {
        MergeFields.Rendered odd = MergeFields.render(greeting(), contact(Map.of("firstName", "{{lastName}}", "lastName", "[First Name]")), DECLARED);
        OutboundEmail email = email(odd);
        assertThat(email.subject()).isEqualTo("Spring for {{lastName}}");
        assertThat(PreSendChecks.check(email, context(odd)).passed()).isTrue();
    }

    @Test
    void withoutTheContentEveryPlaceholderInTheEmailCounts() {
        MergeFields.Rendered odd = MergeFields.render(greeting(), contact(Map.of("firstName", "{{lastName}}")), DECLARED);
        assertThat(PreSendChecks.check(email(odd), new CheckContext(UNSUBSCRIBE, ADDRESS, CTA, List.of("example.com"), null)).failures())
                .containsExactly("placeholders");
    }

    @Test
    void anEmptyTextPartFails() {
        assertThat(failures(with(assembled, h -> h, t -> " ", assembled.headers()))).contains("textPart");
    }
}
