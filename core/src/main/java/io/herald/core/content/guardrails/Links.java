package io.herald.core.content.guardrails;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the links in generated content and decides which ones a tenant allows. */
public final class Links {

    /** Where a URL ends: whitespace, quotes, brackets or CJK punctuation. */
    private static final String URL_CHARS = "[^\\s<>\"'`()\\[\\]{}，。、！？；：「」『』（）《》【】]";
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    /**
     * Link-like schemes, a bare {@code www.} host, scheme-only links ({@code javascript:}, {@code data:},
     * {@code vbscript:}) and bare domains, found even when glued to CJK text (no word boundary there). Bare domains
     * are only candidates here: {@link #isBareLink} decides which are links.
     */
    private static final Pattern URL = Pattern.compile(
            "(?i)(?:(?:https?|s?ftp|ftps|file|wss?|javascript|vbscript|data)://|(?<![a-z0-9.])www\\.|(?<![a-z0-9])mailto:)" + URL_CHARS + "*"
                    // "Key data: 5 items" is prose; "data:text/html,..." or "javascript:alert(1)" is not
                    + "|(?<![a-z0-9])(?:javascript|vbscript|data):" + URL_CHARS + "+"
                    + "|(?<bare>(?<![a-z0-9_.@/:\\-])" + LABEL + "(?:\\." + LABEL + ")+)(?<path>/" + URL_CHARS + "*)?");
    private static final Pattern BARE_HOST = Pattern.compile("(?i)" + LABEL + "(?:\\." + LABEL + ")+(?:[:/?#].*)?");
    /** Common generic top-level domains: a bare host ending in one is a link even without a path. */
    private static final Set<String> COMMON_TLDS = Set.of("com", "net", "org", "info", "biz", "io", "co", "ly", "me", "app", "dev",
            "xyz", "online", "site", "shop", "store", "top", "club", "link", "click");
    private static final Pattern TWO_LETTERS = Pattern.compile("[a-z]{2}");
    private static final String TRAILING = ".,;:!?*_~'\"";

    private Links() {
    }

    /**
     * Every URL written in plain text, in order of appearance, without trailing sentence punctuation.
     * <p>
     * A bare domain (no scheme, no {@code www.}) counts as a link when it is followed by a {@code /} path
     * ({@code evil.example/win}, {@code bit.ly/x}), or when its last label is a common gTLD ({@link #COMMON_TLDS}),
     * or when its last label has two letters (a country code) and the host has three or more labels
     * ({@code shop.example.de}). So {@code Node.js}, {@code e.g.} or {@code 3.5} are not links, while
     * {@code evil.com} is. The last label must be letters, so version numbers with a slash ({@code 1.2/3}) are not links.
     */
    public static Set<String> inText(String text) {
        Set<String> found = new LinkedHashSet<>();
        for (int[] span : spans(text)) {
            found.add(text.substring(span[0], span[1]));
        }
        return found;
    }

    /** Start (inclusive) and end (exclusive) of each URL in the text, as {@link #inText} finds them. */
    private static List<int[]> spans(String text) {
        List<int[]> spans = new java.util.ArrayList<>();
        if (text == null) {
            return spans;
        }
        Matcher matcher = URL.matcher(text);
        while (matcher.find()) {
            if (matcher.group("bare") != null && !isBareLink(matcher.group("bare"), matcher.group("path") != null)) {
                continue;
            }
            int end = matcher.start() + trimTrailing(matcher.group()).length();
            if (end > matcher.start()) {
                spans.add(new int[] {matcher.start(), end});
            }
        }
        return spans;
    }

    private static boolean isBareLink(String host, boolean hasPath) {
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        String last = labels[labels.length - 1];
        if (!last.chars().allMatch(c -> c >= 'a' && c <= 'z') || last.length() < 2) {
            return false;
        }
        return hasPath || COMMON_TLDS.contains(last) || (TWO_LETTERS.matcher(last).matches() && labels.length >= 3);
    }

    /** The link targets of an HTML document (href, src, cite attributes) and the URLs in its text. */
    public static Set<String> inHtml(Document html) {
        Set<String> found = new LinkedHashSet<>();
        for (Element element : html.getAllElements()) {
            for (String attribute : List.of("href", "src", "cite", "action", "background")) {
                if (element.hasAttr(attribute)) {
                    found.add(element.attr(attribute).strip());
                }
            }
        }
        found.addAll(inText(html.text()));
        return found;
    }

    /**
     * Whether a link may appear: it is exactly the brief's call-to-action URL, or an http(s) URL (or a mailto
     * address) whose host is one of the allowed domains or a subdomain of one.
     */
    public static boolean allowed(String link, String ctaUrl, List<String> domains) {
        if (ctaUrl != null && normalize(link).equals(normalize(ctaUrl))) {
            return true;
        }
        String host = hostOf(link);
        if (host == null) {
            return false;
        }
        for (String domain : domains) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (host.equals(d) || host.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }

    /** The lower-case host of an http(s), www., bare-domain or mailto link; null when there is none or it is malformed. */
    static String hostOf(String link) {
        String candidate = link.strip();
        String lower = candidate.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mailto:")) {
            int at = candidate.lastIndexOf('@');
            if (at < 0) {
                return null;
            }
            String host = candidate.substring(at + 1);
            int query = host.indexOf('?');
            return validHost(query < 0 ? host : host.substring(0, query));
        }
        if (lower.startsWith("www.") || (!lower.contains("://") && BARE_HOST.matcher(candidate).matches())) {
            candidate = "http://" + candidate;
        } else if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return null;
        }
        try {
            URI uri = new URI(candidate);
            if (uri.getRawUserInfo() != null) {
                return null;
            }
            return uri.getHost() == null ? null : validHost(uri.getHost());
        } catch (URISyntaxException malformed) {
            return null;
        }
    }

    private static String validHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.matches("[a-z0-9.-]+") && !lower.isEmpty() ? lower : null;
    }

    private static String normalize(String url) {
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }

    private static String trimTrailing(String url) {
        int end = url.length();
        while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
