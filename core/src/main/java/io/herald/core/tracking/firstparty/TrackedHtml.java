package io.herald.core.tracking.firstparty;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.List;
import java.util.Locale;

/**
 * Rewrites an email's HTML part for first-party tracking: each http(s) link but the unsubscribe link goes through
 * the click redirect, and the open pixel is appended. Plain Java over jsoup, no I/O; the links are numbered in
 * document order, so that a click token can say "link 2 of 5".
 */
public final class TrackedHtml {

    private TrackedHtml() {
    }

    /** Makes the tracked URL of one link: {@code (url, index, count) -> <base>/t/c/<token>}. */
    @FunctionalInterface
    public interface ClickLinker {
        String link(String url, int index, int count);
    }

    /**
     * @param html the sanitized HTML part, as checked
     * @param unsubscribeUrl the recipient's one-click unsubscribe URL, never rewritten (it must stay what
     *                       {@code List-Unsubscribe} names, and a redirect in front of it would look like phishing)
     * @param linker the click links, or null for no click tracking
     * @param pixelUrl the open pixel's URL, or null for no open tracking
     * @param maxUrlLength links longer than this are left as they are (their token would not fit a sane URL)
     * @param trackingBase links already under it are left as they are
     */
    public static String rewrite(String html, String unsubscribeUrl, ClickLinker linker, String pixelUrl, int maxUrlLength, String trackingBase) {
        if (html == null || html.isBlank() || (linker == null && pixelUrl == null)) {
            return html;
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        if (linker != null) {
            List<Element> tracked = document.select("a[href], area[href]").stream()
                    .filter(link -> trackable(link.attr("href"), unsubscribeUrl, maxUrlLength, trackingBase))
                    .toList();
            for (int i = 0; i < tracked.size(); i++) {
                Element link = tracked.get(i);
                link.attr("href", linker.link(link.attr("href").strip(), i, tracked.size()));
            }
        }
        if (pixelUrl != null) {
            document.body().appendElement("img").attr("src", pixelUrl).attr("width", "1").attr("height", "1").attr("alt", "");
        }
        return document.body().html();
    }

    /** How many links {@link #rewrite} would send through the redirect. */
    public static int trackableLinks(String html, String unsubscribeUrl, int maxUrlLength, String trackingBase) {
        if (html == null || html.isBlank()) {
            return 0;
        }
        return (int) Jsoup.parseBodyFragment(html).select("a[href], area[href]").stream()
                .filter(link -> trackable(link.attr("href"), unsubscribeUrl, maxUrlLength, trackingBase)).count();
    }

    static boolean trackable(String href, String unsubscribeUrl, int maxUrlLength, String trackingBase) {
        String url = href == null ? "" : href.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || url.length() > maxUrlLength) {
            return false;
        }
        if (unsubscribeUrl != null && url.equals(unsubscribeUrl.strip())) {
            return false;
        }
        return trackingBase == null || !url.startsWith(trackingBase + "/t/");
    }
}
