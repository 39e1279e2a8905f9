package io.herald.core.campaign.content;

import io.herald.core.content.guardrails.CheckResult;
import io.herald.core.content.guardrails.HtmlSanitizer;
import io.herald.core.content.guardrails.Links;
import io.herald.core.content.guardrails.Placeholders;
import io.herald.core.delivery.OutboundEmail;
import org.jsoup.nodes.Document;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every campaign email passes right before delivery, on the email as it will be sent: a one-click
 * unsubscribe link in both parts and the RFC 8058 headers, the tenant's postal address in the footer, only allowed
 * links, no placeholder that survived rendering, and a text part. Plain Java, no I/O.
 */
public final class PreSendChecks {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    private PreSendChecks() {
    }

    public static PreSendResult check(OutboundEmail email, CheckContext ctx) {
        Document html = HtmlSanitizer.parse(email.html() == null ? "" : email.html());
        String text = email.text() == null ? "" : email.text();
        List<CheckResult> checks = new ArrayList<>();
        checks.add(unsubscribeLink(html, text, ctx));
        checks.add(listUnsubscribeHeaders(email.headers() == null ? Map.of() : email.headers(), ctx));
        checks.add(postalAddress(html, text, ctx));
        checks.add(links(email, html, text, ctx));
        checks.add(placeholders(email, html, text, ctx));
        checks.add(text.isBlank() ? CheckResult.fail("textPart", "the plain-text part is empty")
                : CheckResult.pass("textPart", text.length() + " characters"));
        return new PreSendResult(checks);
    }

    private static CheckResult unsubscribeLink(Document html, String text, CheckContext ctx) {
        if (ctx.unsubscribeUrl() == null || ctx.unsubscribeUrl().isBlank()) {
            return CheckResult.fail("unsubscribeLink", "no unsubscribe URL for this recipient");
        }
        boolean inHtml = html.select("a[href]").stream().anyMatch(a -> a.attr("href").equals(ctx.unsubscribeUrl()));
        boolean inText = text.contains(ctx.unsubscribeUrl());
        if (inHtml && inText) {
            return CheckResult.pass("unsubscribeLink", "in the HTML and the text part");
        }
        return CheckResult.fail("unsubscribeLink", "the recipient's unsubscribe link is missing from "
                + (inHtml ? "the text part" : inText ? "the HTML part" : "both parts"));
    }

    /** RFC 8058: the one-click URI in List-Unsubscribe (HTTPS; plain HTTP only to this machine) and the POST marker. */
    private static CheckResult listUnsubscribeHeaders(Map<String, String> headers, CheckContext ctx) {
        String list = header(headers, LIST_UNSUBSCRIBE).orElse(null);
        String post = header(headers, LIST_UNSUBSCRIBE_POST).orElse(null);
        List<String> problems = new ArrayList<>();
        if (list == null || ctx.unsubscribeUrl() == null || !list.contains("<" + ctx.unsubscribeUrl() + ">")) {
            problems.add(LIST_UNSUBSCRIBE + " does not carry <" + ctx.unsubscribeUrl() + ">");
        } else if (!isHttpsOrLoopback(ctx.unsubscribeUrl())) {
            problems.add(LIST_UNSUBSCRIBE + " needs an https URI for one-click unsubscribe (RFC 8058)");
        }
        if (post == null || !post.strip().equals(ONE_CLICK)) {
            problems.add(LIST_UNSUBSCRIBE_POST + " must be '" + ONE_CLICK + "'");
        }
        return problems.isEmpty() ? CheckResult.pass("listUnsubscribe", "one-click headers present")
                : CheckResult.fail("listUnsubscribe", String.join("; ", problems));
    }

    private static CheckResult postalAddress(Document html, String text, CheckContext ctx) {
        if (ctx.postalAddress() == null || ctx.postalAddress().isBlank()) {
            return CheckResult.fail("postalAddress", "the tenant has no postal address (settings postalAddress)");
        }
        String address = squash(ctx.postalAddress());
        boolean inHtml = squash(html.body().wholeText()).contains(address) || squash(html.text()).contains(address);
        boolean inText = squash(text).contains(address);
        if (inHtml && inText) {
            return CheckResult.pass("postalAddress", "in the footer of both parts");
        }
        return CheckResult.fail("postalAddress", "the tenant's postal address is missing from "
                + (inHtml ? "the text part" : inText ? "the HTML part" : "both parts"));
    }

    private static CheckResult links(OutboundEmail email, Document html, String text, CheckContext ctx) {
        Set<String> links = new LinkedHashSet<>(Links.inHtml(html));
        // The unsubscribe URL is known exactly: taken out of the text first, because text extraction trims a trailing
        // '_' or '~' as punctuation, and a base64url token may end in one.
        String unsubscribe = ctx.unsubscribeUrl();
        links.addAll(Links.inText(unsubscribe == null || unsubscribe.isEmpty() ? text : text.replace(unsubscribe, " ")));
        links.addAll(Links.inText(email.subject()));
        List<String> refused = links.stream()
                .filter(link -> !link.equals(ctx.unsubscribeUrl()) && !Links.allowed(link, ctx.ctaUrl(), ctx.linkDomains()))
                .toList();
        return refused.isEmpty() ? CheckResult.pass("links", links.size() + " allowed link(s)")
                : CheckResult.fail("links", "not the brief's ctaUrl, the unsubscribe link nor on an allowed domain: " + String.join(", ", refused));
    }

    /**
     * A placeholder that no merge field rendered. In the content, those its template left (found with empty values);
     * in the rest of the email (the footer, or all of it when it was not assembled from the content), every one.
     */
    private static CheckResult placeholders(OutboundEmail email, Document html, String text, CheckContext ctx) {
        MergeFields.Rendered content = ctx.content();
        Set<String> found = new LinkedHashSet<>(content == null ? Set.of() : content.unrendered());
        found.addAll(Placeholders.find(outside(email.subject(), content == null ? null : content.subject())));
        found.addAll(Placeholders.find(outside(html.body().wholeText(),
                content == null ? null : HtmlSanitizer.parse(content.html()).body().wholeText())));
        found.addAll(Placeholders.find(outside(text, content == null ? null : content.text())));
        // recipients' values are rendered into text only, so every attribute is the template's or Herald's
        html.getAllElements().forEach(element -> element.attributes().forEach(a -> found.addAll(Placeholders.find(a.getValue()))));
        return found.isEmpty() ? CheckResult.pass("placeholders", "none left unrendered")
                : CheckResult.fail("placeholders", "unrendered: " + String.join(", ", found));
    }

    /** The text without the rendered content's part, which {@link MergeFields.Rendered#unrendered()} covers. */
    private static String outside(String whole, String part) {
        if (whole == null) {
            return "";
        }
        String stripped = part == null ? "" : part.strip();
        int at = stripped.isEmpty() ? -1 : whole.indexOf(stripped);
        return at < 0 ? whole : whole.substring(0, at) + " " + whole.substring(at + stripped.length());
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    private static boolean isHttpsOrLoopback(String url) {
        try {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost();
            return scheme.equals("https") || (scheme.equals("http") && (host.equals("localhost") || host.equals("127.0.0.1")));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String squash(String text) {
        return text == null ? "" : text.replaceAll("[\\s\\u00A0]+", " ").strip();
    }
}
