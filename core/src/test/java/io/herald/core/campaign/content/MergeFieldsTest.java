package io.herald.core.campaign.content;

import io.herald.core.content.Variant;
import io.herald.core.content.guardrails.Links;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Map;

import static io.herald.core.campaign.content.CampaignEmails.CTA;
import static io.herald.core.campaign.content.CampaignEmails.DECLARED;
import static io.herald.core.campaign.content.CampaignEmails.contact;
import static io.herald.core.campaign.content.CampaignEmails.context;
import static io.herald.core.campaign.content.CampaignEmails.email;
import static io.herald.core.campaign.content.CampaignEmails.greeting;
import static org.assertj.core.api.Assertions.assertThat;

class MergeFieldsTest {

    private static final List<String> FRAGMENTS = List.of("<a href=\"https://evil.example/x\">win</a>", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "{{lastName}}", "{{ firstName }}", "{{city}}", "${lastName}", "{% if x %}", "&amp;",
            "&lt;b&gt;", "\"", "'", "<", ">", "&", "]]>", "<!--", "-->", "Ana", "李", "O'Brien", " ", "https://evil.example",
            "www.evil.example", "javascript:alert(1)", "</p><p>", "</body>");

    /** Values built from markup, links and template syntax, with arbitrary printable text between them. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS),
                Arbitraries.strings().withCharRange(' ', '~').withChars('李', 'é', '😀').ofMaxLength(8));
        return pieces.list().ofMinSize(1).ofMaxSize(6).map(list -> String.join("", list))
                .filter(value -> !value.isBlank() && value.codePointCount(0, value.length()) <= MergeFields.MAX_VALUE);
    }

    @Property(tries = 300)
    void aValueNeverAddsMarkupOrLinksToTheHtml(@ForAll("hostile") String value) {
        MergeFields.Rendered rendered = MergeFields.render(greeting(), contact(Map.of("firstName", value, "lastName", "Smith")), DECLARED);
        Document html = Jsoup.parseBodyFragment(rendered.html());
        assertThat(html.body().select("*").stream().map(Element::normalName).toList())
                .containsExactly("body", "p", "p", "p", "a");
        assertThat(html.select("a[href]").eachAttr("href")).containsExactly(CTA);
        assertThat(html.select("script, img")).isEmpty();
        assertThat(html.select("p").get(0).wholeText()).isEqualTo("Hi " + shown(value) + " Smith,");
        assertThat(Links.inText(html.text())).isSubsetOf(CTA);
        assertThat(Links.inText(rendered.subject() + " " + rendered.text())).containsExactly(CTA);
    }

    /** What the recipient sees for a value: the value, unless it holds a link (then the default). */
    private static String shown(String value) {
        return Links.inText(value).isEmpty() ? value.strip() : "there";
    }

    @Property(tries = 300)
    void aValueIsNeverRenderedAgain(@ForAll("hostile") String value) {
        Variant content = greeting();
        MergeFields.Rendered rendered = MergeFields.render(content, contact(Map.of("firstName", value, "lastName", "Smith")), DECLARED);
        // the value's own {{lastName}} is text: it does not turn into the contact's last name
        assertThat(rendered.subject()).isEqualTo("Spring for " + shown(value));
        assertThat(rendered.text()).startsWith("Hi " + shown(value) + " Smith,");
    }

    @Property(tries = 300)
    void theTemplatesPlaceholdersAreAllRenderedWhateverTheValues(@ForAll("hostile") String first, @ForAll("hostile") String last) {
        MergeFields.Rendered rendered = MergeFields.render(greeting(), contact(Map.of("firstName", first, "lastName", last)), DECLARED);
        PreSendResult result = PreSendChecks.check(email(rendered), context(rendered));
        assertThat(result.failures()).doesNotContain("placeholders");
    }

    @Property(tries = 300)
    void aPlaceholderTheCampaignDidNotDeclareSurvivesAndIsRefused(@ForAll("hostile") String first) {
        Variant content = CampaignEmails.content("Hi {{firstName}}", "<p>Hi {{firstName}} from {{city}}</p><p><a href=\"" + CTA + "\">Shop</a></p>");
        MergeFields.Rendered rendered = MergeFields.render(content, contact(Map.of("firstName", first, "city", "Paris")), DECLARED);
        assertThat(rendered.html()).contains("{{city}}");
        PreSendResult result = PreSendChecks.check(email(rendered), context(rendered));
        assertThat(result.failures()).contains("placeholders");
        assertThat(result.describeFailures()).contains("{{city}}");
    }

    @Property(tries = 300)
    void controlCharactersNeverReachAPlainPart(@ForAll("hostile") String value, @ForAll("controls") char control) {
        String dirty = value.substring(0, value.length() / 2) + control + value.substring(value.length() / 2);
        MergeFields.Rendered rendered = MergeFields.render(greeting(), contact(Map.of("firstName", dirty)), DECLARED);
        assertThat(rendered.subject()).doesNotContain(String.valueOf(control)).doesNotContain("\r", "\n");
        assertThat(rendered.values().get("firstName")).doesNotContain(String.valueOf(control));
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.chars().range('\u007f', '\u009f'),
                Arbitraries.chars().range('\u202a', '\u202e'), Arbitraries.chars().range('\u2066', '\u2069'));
    }

    @Example
    void aMissingBlankOrUnusableValueGetsTheCampaignsDefault() {
        Variant content = greeting();
        assertThat(MergeFields.render(content, contact(Map.of()), DECLARED).subject()).isEqualTo("Spring for there");
        assertThat(MergeFields.render(content, contact(Map.of("firstName", "   ")), DECLARED).subject()).isEqualTo("Spring for there");
        assertThat(MergeFields.render(content, contact(Map.of("firstName", Map.of("nested", "x"))), DECLARED).subject())
                .isEqualTo("Spring for there");
        assertThat(MergeFields.render(content, contact(Map.of("firstName", "x".repeat(101))), DECLARED).subject())
                .isEqualTo("Spring for there");
        assertThat(MergeFields.render(content, contact(Map.of("firstName", 42)), DECLARED).subject()).isEqualTo("Spring for 42");
        assertThat(MergeFields.render(content, contact(Map.of("firstName", "Ana evil.com")), DECLARED).subject()).isEqualTo("Spring for there");
        assertThat(MergeFields.render(content, contact(Map.of("firstName", "Ana")), DECLARED).html())
                .startsWith("<p>Hi Ana ,</p>");
    }

    @Example
    void theHtmlPartEscapesWhatTheTextPartShowsAsItIs() {
        MergeFields.Rendered rendered = MergeFields.render(greeting(), contact(Map.of("firstName", "<b>Tom & Jerry</b>", "lastName", "O'Neil")),
                DECLARED);
        assertThat(rendered.html()).startsWith("<p>Hi &lt;b&gt;Tom &amp; Jerry&lt;/b&gt; O'Neil,</p>");
        assertThat(rendered.text()).startsWith("Hi <b>Tom & Jerry</b> O'Neil,");
    }
}
