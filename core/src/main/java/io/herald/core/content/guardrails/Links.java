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

    /**
     * Link-like schemes and a bare {@code www.} host, found even when glued to CJK text (no word boundary
     * there); the URL ends at whitespace, quotes, brackets or CJK punctuation.
     */
    private static final Pattern URL = Pattern.compile(
            "(?i)(?:(?:https?|s?ftp|ftps|file|wss?|javascript|vbscript|data)://|(?<![a-z0-9.])www\\.|(?<![a-z0-9])mailto:)"
                    + "[^\\s<>\"'`()\\[\\]{}，。、！？；：「」『』（）《》【】]+");
    private static final String TRAILING = ".,;:!?*_~'\"";

    private Links() {
    }

    /** Every URL written in plain text, in order of appearance, without trailing sentence punctuation. */
    public static Set<String> inText(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = URL.matcher(text);
        while (matcher.find()) {
            found.add(trimTrailing(matcher.group()));
        }
        return found;
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

    /** The lower-case host of an http(s), www. or mailto link; null when there is none or it is malformed. */
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
        if (lower.startsWith("www.")) {
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
