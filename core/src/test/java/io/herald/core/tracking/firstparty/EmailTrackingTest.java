package io.herald.core.tracking.firstparty;

import io.herald.core.delivery.OutboundEmail;
import io.herald.core.tenant.TrackingSettings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The send-time rewrite: every http(s) link but the unsubscribe link goes through the redirect; the pixel as the tenant says. */
class EmailTrackingTest {

    private static final TrackingLinks LINKS = TrackingLinksTest.LINKS;
    private static final String UNSUBSCRIBE = "https://api.herald.example/u/tok3n_";
    private static final Instant NOW = Instant.parse("2030-06-14T09:30:00.750Z");
    private static final String HTML = "<p>Hi Ana, see <a href=\"https://shop.example.com/spring?utm=a&amp;b=2\">the range</a>"
            + " and <a href=\" HTTP://shop.example.com/tea \">tea</a>.</p>"
            + "<p><a href=\"mailto:help@example.com\">mail us</a> <a href=\"tel:+441234\">call</a> <a href=\"#top\">top</a></p>"
            + "<p><a href=\"https://shop.example.com/spring?utm=a&amp;b=2\">again</a></p>"
            + "<div><p><small><a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a></small></p></div>";
    private static final String TEXT = "Hi Ana, see https://shop.example.com/spring\n\nUnsubscribe: " + UNSUBSCRIBE;
    private static final OutboundEmail EMAIL = new OutboundEmail("m-1", "acme", "news@example.com", null, "ana@example.org", "Spring",
            HTML, TEXT, Map.of("List-Unsubscribe", "<" + UNSUBSCRIBE + ">"), Map.of());

    private static OutboundEmail tracked(TrackingSettings settings) {
        return EmailTracking.track(LINKS, EMAIL, UNSUBSCRIBE, settings, NOW, 2000);
    }

    @Test
    void everyHttpLinkButTheUnsubscribeLinkGoesThroughTheRedirectToExactlyItsUrl() {
        Document html = Jsoup.parseBodyFragment(tracked(TrackingSettings.defaults()).html());
        List<Element> redirected = html.select("a[href^=https://t.herald.example/t/c/]");
        assertThat(redirected).hasSize(3);
        List<ClickToken> tokens = redirected.stream()
                .map(a -> LINKS.verifyClick(a.attr("href").substring("https://t.herald.example/t/c/".length())).orElseThrow()).toList();
        assertThat(tokens).extracting(ClickToken::url)
                .containsExactly("https://shop.example.com/spring?utm=a&b=2", "HTTP://shop.example.com/tea", "https://shop.example.com/spring?utm=a&b=2");
        assertThat(tokens).extracting(ClickToken::linkIndex).containsExactly(0, 1, 2);
        assertThat(tokens).allSatisfy(token -> {
            assertThat(token.linkCount()).isEqualTo(3);
            assertThat(token.tenantId()).isEqualTo("acme");
            assertThat(token.messageId()).isEqualTo("m-1");
            assertThat(token.issuedAt()).isEqualTo(Instant.parse("2030-06-14T09:30:00Z"));
        });
        assertThat(html.select("a[href=" + UNSUBSCRIBE + "]").text()).isEqualTo("Unsubscribe");
        assertThat(html.select("a[href=mailto:help@example.com]")).hasSize(1);
        assertThat(html.select("a[href=tel:+441234]")).hasSize(1);
        assertThat(html.select("a[href=#top]")).hasSize(1);
    }

    @Test
    void theTextPartAndTheHeadersKeepTheRealLinks() {
        OutboundEmail tracked = tracked(TrackingSettings.defaults());
        assertThat(tracked.text()).isEqualTo(TEXT);
        assertThat(tracked.headers()).isEqualTo(EMAIL.headers());
        assertThat(tracked.subject()).isEqualTo(EMAIL.subject());
    }

    @Test
    void thePixelIsAppendedWhenOpensAreTrackedAndOnlyThen() {
        Element pixel = Jsoup.parseBodyFragment(tracked(TrackingSettings.defaults()).html()).select("img").last();
        assertThat(pixel.attr("src")).isEqualTo(LINKS.openUrl("acme", "m-1"));
        assertThat(pixel.attr("width")).isEqualTo("1");
        assertThat(pixel.attr("height")).isEqualTo("1");
        assertThat(pixel.attr("alt")).isEmpty();
        assertThat(pixel.hasAttr("alt")).isTrue();

        OutboundEmail noOpens = tracked(new TrackingSettings(false, true));
        assertThat(Jsoup.parseBodyFragment(noOpens.html()).select("img")).isEmpty();
        assertThat(Jsoup.parseBodyFragment(noOpens.html()).select("a[href^=https://t.herald.example/t/c/]")).hasSize(3);
    }

    @Test
    void clicksOffLeavesEveryLinkAndOnlyAddsThePixel() {
        Document html = Jsoup.parseBodyFragment(tracked(new TrackingSettings(true, false)).html());
        assertThat(html.select("a[href^=https://t.herald.example/]")).isEmpty();
        assertThat(html.select("a[href=https://shop.example.com/spring?utm=a&b=2]")).hasSize(2);
        assertThat(html.select("img[src^=https://t.herald.example/t/o/]")).hasSize(1);
    }

    @Test
    void bothOffSendsTheEmailUntouched() {
        assertThat(tracked(new TrackingSettings(false, false))).isSameAs(EMAIL);
    }

    @Test
    void aTooLongLinkIsLeftAsItIs() {
        String longUrl = "https://shop.example.com/" + "a".repeat(3000);
        OutboundEmail email = new OutboundEmail("m-1", "acme", "f@example.com", null, "a@example.org", "s",
                "<p><a href=\"" + longUrl + "\">x</a> <a href=\"https://shop.example.com/\">y</a></p>", "t", Map.of(), Map.of());
        Document html = Jsoup.parseBodyFragment(EmailTracking.track(LINKS, email, UNSUBSCRIBE, TrackingSettings.defaults(), NOW, 2000).html());
        assertThat(html.select("a").get(0).attr("href")).isEqualTo(longUrl);
        ClickToken only = LINKS.verifyClick(html.select("a").get(1).attr("href").substring("https://t.herald.example/t/c/".length())).orElseThrow();
        assertThat(only.linkCount()).isEqualTo(1);
    }
}
