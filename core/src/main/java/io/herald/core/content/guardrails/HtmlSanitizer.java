package io.herald.core.content.guardrails;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeVisitor;

import java.util.Set;

/**
 * Email HTML as the model wrote it is untrusted: it is cleaned against a safelist (jsoup's relaxed list, with
 * links limited to http, https and mailto) and the plain-text part is derived from the cleaned HTML, so the
 * two parts cannot say different things.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeProtocols("a", "href", "ftp")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
            "blockquote", "table", "ul", "ol", "dl", "dt", "dd", "pre", "hr");

    private HtmlSanitizer() {
    }

    /** The body fragment with everything outside the safelist removed. */
    public static String sanitize(String html) {
        Document dirty = Jsoup.parseBodyFragment(html == null ? "" : html);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** Whether cleaning changed anything, i.e. the model wrote markup outside the safelist. */
    public static boolean isSafe(String html) {
        return new Cleaner(SAFELIST).isValidBodyHtml(html == null ? "" : html);
    }

    public static Document parse(String sanitizedHtml) {
        return Jsoup.parseBodyFragment(sanitizedHtml);
    }

    /** Readable text: one line per block, each link's target after its label when they differ. */
    public static String toText(String sanitizedHtml) {
        StringBuilder out = new StringBuilder();
        Jsoup.parseBodyFragment(sanitizedHtml).body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    if ("a".equals(element.normalName())) {
                        String href = element.attr("href");
                        if (!href.isEmpty() && !element.text().strip().equals(href)) {
                            out.append(" (").append(href.startsWith("mailto:") ? href.substring(7) : href).append(')');
                        }
                    } else if (BLOCKS.contains(element.normalName())) {
                        out.append('\n');
                    }
                }
            }
        });
        return out.toString()
                .replaceAll("[ \\t\\x0B\\f]+", " ")
                .replaceAll(" *\\n *", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }
}
