package io.herald.core.content.guardrails;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinksTest {

    private static final String CTA = "https://shop.example.com/spring?utm_source=herald";
    private static final List<String> DOMAINS = List.of("example.com", "help.example.org");

    @Test
    void findsUrlsInTextWithoutTrailingPunctuation() {
        assertThat(Links.inText("Shop now: https://shop.example.com/a. Or www.example.com/b, or mailto:hi@example.com!"))
                .containsExactly("https://shop.example.com/a", "www.example.com/b", "mailto:hi@example.com");
    }

    @Test
    void findsUrlsNextToChinesePunctuation() {
        assertThat(Links.inText("请访问https://shop.example.com/zh。谢谢")).containsExactly("https://shop.example.com/zh");
    }

    @Test
    void findsSchemesOtherThanHttp() {
        assertThat(Links.inText("see ftp://files.evil.example/x and javascript://evil")).hasSize(2);
        assertThat(Links.inText("访问www.evil.example")).containsExactly("www.evil.example");
    }

    @Test
    void theCtaUrlAndAllowedDomainsWithSubdomainsPass() {
        assertThat(Links.allowed(CTA, CTA, List.of())).isTrue();
        assertThat(Links.allowed("https://www.example.com/x", CTA, DOMAINS)).isTrue();
        assertThat(Links.allowed("https://EXAMPLE.com", CTA, DOMAINS)).isTrue();
        assertThat(Links.allowed("https://docs.help.example.org/faq", CTA, DOMAINS)).isTrue();
        assertThat(Links.allowed("mailto:care@example.com", CTA, DOMAINS)).isTrue();
    }

    @Test
    void lookalikesAndTricksAreRefused() {
        assertThat(Links.allowed("http://evil.example", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("https://example.com.evil.example/", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("https://notexample.com/", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("https://example.com@evil.example/", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("https://example.org/", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("javascript:alert(1)", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("ftp://example.com/x", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("//evil.example/x", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("https://shop.example.com/spring", CTA, List.of())).isFalse();
    }

    @Test
    void bareDomainsAndShortenersAreLinks() {
        assertThat(Links.inText("Claim it at evil.example/win today")).containsExactly("evil.example/win");
        assertThat(Links.inText("Short: bit.ly/x.")).containsExactly("bit.ly/x");
        assertThat(Links.inText("Go to evil.com, now")).containsExactly("evil.com");
        assertThat(Links.inText("访问evil.shop了解")).containsExactly("evil.shop");
        assertThat(Links.inText("see shop.evil.de")).containsExactly("shop.evil.de");
        assertThat(Links.allowed("evil.example/win", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("bit.ly/x", CTA, DOMAINS)).isFalse();
        assertThat(Links.allowed("shop.example.com/spring", CTA, DOMAINS)).isTrue();
    }

    @Test
    void schemeOnlyLinksAreFoundAnywhere() {
        assertThat(Links.inText("click javascript:alert(1) or data:text/html;base64,PHNjcmlwdD4= or VBScript:msgbox")).containsExactly(
                "javascript:alert", "data:text/html;base64,PHNjcmlwdD4=", "VBScript:msgbox");
        assertThat(Links.inText("点击javascript:steal")).containsExactly("javascript:steal");
        assertThat(Links.allowed("javascript:alert", CTA, DOMAINS)).isFalse();
    }

    @Test
    void wordsWithDotsAreNotLinks() {
        assertThat(Links.inText("Built with Node.js and Vue.js, e.g. version 3.5 or 1.2/3. Key data: 5 items. ana.lee@example.com"))
                .isEmpty();
        assertThat(Links.inText("Hi Ana.Spring is here")).isEmpty();
    }

    @Property
    void everyEmbeddedUrlIsFoundWhateverSurroundsIt(@ForAll("prose") String before, @ForAll("urls") String url,
            @ForAll("prose") String after) {
        assertThat(Links.inText(before + " " + url + " " + after)).contains(url);
    }

    @Property
    void everyBareDomainWithAPathIsFoundAndRefused(@ForAll("prose") String before, @ForAll("labels") String label,
            @ForAll("prose") String after) {
        String link = label + ".evil.example/x";
        assertThat(Links.inText(before + " " + link + " " + after)).contains(link);
        assertThat(Links.allowed(link, CTA, DOMAINS)).isFalse();
    }

    @Property
    void aHostOutsideTheAllowlistIsNeverAllowed(@ForAll("labels") String label, @ForAll("urlTails") String tail) {
        String url = "https://" + label + ".evil.example" + tail;
        assertThat(Links.allowed(url, CTA, DOMAINS)).isFalse();
    }

    @Property
    void anySubdomainOfAnAllowedDomainIsAllowed(@ForAll("labels") String label, @ForAll("urlTails") String tail) {
        assertThat(Links.allowed("https://" + label + ".example.com" + tail, CTA, DOMAINS)).isTrue();
    }

    @Provide
    Arbitrary<String> prose() {
        return Arbitraries.strings().withChars("abc XYZ 你好，。!?-").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789").ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> urlTails() {
        return Arbitraries.of("", "/", "/a/b", "/p?q=1&r=2", "/x#frag", ":8443/y");
    }

    @Provide
    Arbitrary<String> urls() {
        return Combinators.combine(Arbitraries.of("http://", "https://"), labels(), Arbitraries.of(".com", ".example", ".cn"), urlTails())
                .as((scheme, host, tld, tail) -> scheme + host + tld + tail);
    }
}
