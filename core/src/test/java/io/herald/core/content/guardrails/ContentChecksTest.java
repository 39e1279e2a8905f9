package io.herald.core.content.guardrails;

import io.herald.core.content.Channel;
import io.herald.core.content.SocialNetwork;
import io.herald.core.content.Variant;
import io.herald.core.content.VariantDraft;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentChecksTest {

    private static final String CTA = "https://shop.example.com/spring";

    private static ContentChecks.Rules rules(Channel channel) {
        return new ContentChecks.Rules(channel, channel == Channel.social ? SocialNetwork.x : null, CTA,
                List.of("example.com"), List.of("Act now", "免费"), 2);
    }

    private static CheckResult result(Variant variant, String name) {
        return variant.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCleanEmailPassesEveryCheckAndItsTextComesFromTheHtml() {
        Variant variant = ContentChecks.check(1, VariantDraft.email("Spring is here", "New arrivals",
                "<p>Hi Ana,</p><p>Our <strong>spring</strong> range is in.</p><p><a href=\"" + CTA + "\">Shop</a></p>"), rules(Channel.email));
        assertThat(variant.passed()).as(variant.checks().toString()).isTrue();
        assertThat(variant.text()).isEqualTo("Hi Ana,\n\nOur spring range is in.\n\nShop (" + CTA + ")");
    }

    @Test
    void scriptsAndHandlersAreStrippedAndTheJavascriptLinkWithThem() {
        Variant variant = ContentChecks.check(1, VariantDraft.email("Hi", "",
                "<p onclick=\"steal()\">Hi</p><script>steal()</script><a href=\"javascript:steal()\">x</a><a href=\"" + CTA + "\">Shop</a>"),
                rules(Channel.email));
        assertThat(variant.html()).doesNotContain("script", "onclick", "javascript");
        assertThat(result(variant, "html").passed()).isFalse();
        assertThat(result(variant, "html").detail()).contains("had to be removed");
        assertThat(variant.passed()).isFalse();
    }

    @Test
    void eachKindOfUnsafeMarkupFailsTheHtmlCheck() {
        String cta = "<a href=\"" + CTA + "\">Shop</a>";
        for (String unsafe : List.of("<script>x()</script>", "<p onclick=\"x()\">Hi</p>", "<a href=\"javascript:x()\">x</a>",
                "<iframe src=\"" + CTA + "\"></iframe>", "<p style=\"color:red\">Hi</p>")) {
            Variant variant = ContentChecks.check(1, VariantDraft.email("Hi", "", unsafe + cta), rules(Channel.email));
            assertThat(result(variant, "html").passed()).as(unsafe).isFalse();
        }
        Variant safe = ContentChecks.check(1, VariantDraft.email("Hi", "", "<h2>Hi</h2><ul><li><strong>New</strong></li></ul>" + cta),
                rules(Channel.email));
        assertThat(result(safe, "html").passed()).isTrue();
    }

    @Test
    void markupInPlainTextFieldsFails() {
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("Hi <b>Ana</b>"), rules(Channel.sms)), "markup").passed()).isFalse();
        assertThat(result(ContentChecks.check(1, VariantDraft.social("<img src=x onerror=alert(1)>", List.of()), rules(Channel.social)),
                "markup").passed()).isFalse();
        Variant web = ContentChecks.check(1, VariantDraft.web("Spring", "New <script src=\"x\"", "Shop"), rules(Channel.web));
        assertThat(result(web, "markup").passed()).isFalse();
        assertThat(result(web, "markup").detail()).contains("body");
        Variant email = ContentChecks.check(1, VariantDraft.email("<i>Spring</i>", "", "<p><a href=\"" + CTA + "\">Shop</a></p>"),
                rules(Channel.email));
        assertThat(result(email, "markup").passed()).isFalse();
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("I <3 spring: 2 < 3 & 5 > 4"), rules(Channel.sms)), "markup").passed())
                .isTrue();
    }

    @Test
    void bareDomainsAndScriptLinksInTextFail() {
        for (String text : List.of("Claim at evil.example/win", "Tap bit.ly/x now", "javascript:alert(1)", "visit evil.com today")) {
            assertThat(result(ContentChecks.check(1, VariantDraft.sms(text), rules(Channel.sms)), "links").passed()).as(text).isFalse();
        }
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("Built on Node.js, see shop.example.com/faq"), rules(Channel.sms)),
                "links").passed()).isTrue();
    }

    @Test
    void aForeignLinkFailsWhereverItHides() {
        Variant inHref = ContentChecks.check(1, VariantDraft.email("Hi", "",
                "<p><a href=\"http://evil.example/win\">win</a> <a href=\"" + CTA + "\">Shop</a></p>"), rules(Channel.email));
        Variant inText = ContentChecks.check(1, VariantDraft.email("Go to http://evil.example", "",
                "<p><a href=\"" + CTA + "\">Shop</a></p>"), rules(Channel.email));
        Variant inSms = ContentChecks.check(1, VariantDraft.sms("Visit www.evil.example now"), rules(Channel.sms));
        assertThat(result(inHref, "links").passed()).isFalse();
        assertThat(result(inHref, "links").detail()).contains("http://evil.example/win");
        assertThat(result(inText, "links").passed()).isFalse();
        assertThat(result(inSms, "links").passed()).isFalse();
    }

    @Test
    void anEmailWithoutTheCtaLinkFails() {
        Variant variant = ContentChecks.check(1, VariantDraft.email("Hi", "", "<p>No link</p>"), rules(Channel.email));
        assertThat(result(variant, "ctaLink").passed()).isFalse();
    }

    @Test
    void unrenderedPlaceholdersFail() {
        for (String placeholder : List.of("{{first_name}}", "{firstName}", "[First Name]", "${name}", "%%FNAME%%", "*|FNAME|*")) {
            Variant variant = ContentChecks.check(1, VariantDraft.sms("Hi " + placeholder + ", spring is here"), rules(Channel.sms));
            assertThat(result(variant, "placeholders").passed()).as(placeholder).isFalse();
        }
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("Hi Ana [NEW] {} 50% off"), rules(Channel.sms)), "placeholders").passed())
                .isTrue();
    }

    @Test
    void bannedPhrasesMatchWhateverTheCaseOrWidth() {
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("ACT NOW before it ends"), rules(Channel.sms)), "bannedPhrases").passed()).isFalse();
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("Ａｃｔ　ｎｏｗ"), rules(Channel.sms)), "bannedPhrases").passed()).isFalse();
        assertThat(result(ContentChecks.check(1, VariantDraft.sms("限时免费领取"), rules(Channel.sms)), "bannedPhrases").passed()).isFalse();
    }

    @Test
    void smsStatesEncodingAndSegmentsAndEnforcesTheLimit() {
        Variant zh = ContentChecks.check(1, VariantDraft.sms("春季新品上市，点击了解：" + CTA), rules(Channel.sms));
        assertThat(zh.sms().encoding()).isEqualTo("UCS-2");
        assertThat(zh.sms().segments()).isEqualTo(1);
        assertThat(zh.passed()).isTrue();
        Variant tooLong = ContentChecks.check(1, VariantDraft.sms("您".repeat(135)), rules(Channel.sms));
        assertThat(tooLong.sms().segments()).isEqualTo(3);
        assertThat(result(tooLong, "length").passed()).isFalse();
    }

    @Test
    void xWeighsCjkAndEmojiTwoAndCountsHashtags() {
        Variant emoji = ContentChecks.check(1, VariantDraft.social("🌸".repeat(140), List.of()), rules(Channel.social));
        assertThat(emoji.length()).isEqualTo(280);
        assertThat(result(emoji, "length").passed()).isTrue();
        Variant tooManyEmoji = ContentChecks.check(1, VariantDraft.social("🌸".repeat(270), List.of("#spring")), rules(Channel.social));
        assertThat(tooManyEmoji.length()).isEqualTo(540 + 8);
        assertThat(tooManyEmoji.hashtags()).containsExactly("spring");
        assertThat(result(tooManyEmoji, "length").passed()).isFalse();
        assertThat(result(ContentChecks.check(1, VariantDraft.social("春".repeat(140), List.of()), rules(Channel.social)), "length").passed())
                .isTrue();
        Variant over = ContentChecks.check(1, VariantDraft.social("春".repeat(141), List.of()), rules(Channel.social));
        assertThat(over.length()).isEqualTo(282);
        assertThat(result(over, "length").passed()).isFalse();
        Variant withTags = ContentChecks.check(1, VariantDraft.social("a".repeat(270), List.of("spring", "sale")), rules(Channel.social));
        assertThat(withTags.length()).isEqualTo(270 + 8 + 6);
        assertThat(result(withTags, "length").passed()).isFalse();
        Variant badTag = ContentChecks.check(1, VariantDraft.social("Hi", List.of("two words")), rules(Channel.social));
        assertThat(result(badTag, "hashtags").passed()).isFalse();
    }

    @Test
    void onXEveryUrlWeighs23() {
        String longUrl = CTA + "?utm_source=herald&utm_medium=social&utm_campaign=" + "spring".repeat(30);
        Variant post = ContentChecks.check(1, VariantDraft.social("New: " + longUrl, List.of()), rules(Channel.social));
        assertThat(post.length()).isEqualTo(5 + 23);
        assertThat(result(post, "length").passed()).isTrue();
        assertThat(PostLength.of(SocialNetwork.x, "Shop " + CTA + " and 春")).isEqualTo(5 + 23 + 5 + 2);
        assertThat(PostLength.of(SocialNetwork.linkedin, "春".repeat(10) + CTA)).isEqualTo(10 + CTA.length());
        assertThat(PostLength.of(SocialNetwork.x, "“quoted” – ok")).isEqualTo(13);
    }

    @Test
    void webNeedsEveryField() {
        Variant missing = ContentChecks.check(1, VariantDraft.web("Spring", "", "Shop"), rules(Channel.web));
        assertThat(result(missing, "format").passed()).isFalse();
        assertThat(ContentChecks.check(1, VariantDraft.web("春季新品", "全新系列现已上市。", "了解详情"), rules(Channel.web)).passed()).isTrue();
    }
}
