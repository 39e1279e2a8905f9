package io.herald.core.campaign.content;

import io.herald.core.content.guardrails.HtmlSanitizer;
import io.herald.core.content.rendering.TemplateComposer;
import io.herald.core.delivery.OutboundEmail;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one recipient's rendered content into the email handed to a provider: the content, then a footer with the
 * tenant's postal address and the one-click unsubscribe link in both parts, and the RFC 8058 headers. The footer is
 * built with jsoup, which escapes the address and the URL; the whole HTML is sanitized once more.
 */
public final class EmailAssembler {

    private static final Map<String, String> UNSUBSCRIBE = Map.of("en", "Unsubscribe", "zh", "退订");
    private static final Map<String, String> WHY = Map.of(
            "en", "You receive this email from %s.",
            "zh", "您收到这封邮件，是因为您订阅了%s的消息。");

    private EmailAssembler() {
    }

    /**
     * Who the email goes to and comes from.
     *
     * @param tags provider-side labels (campaign, variant)
     */
    public record Envelope(String messageId, String tenantId, String from, String replyTo, String to, Map<String, String> tags) {
    }

    /**
     * What the footer says.
     *
     * @param brand the sender's name
     * @param postalAddress the tenant's postal address (line breaks kept)
     * @param unsubscribeUrl the recipient's one-click unsubscribe URL
     * @param language the content group's language ({@code en}, {@code zh}; others get English)
     */
    public record Footer(String brand, String postalAddress, String unsubscribeUrl, String language) {
    }

    public static OutboundEmail assemble(Envelope envelope, MergeFields.Rendered content, Footer footer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PreSendChecks.LIST_UNSUBSCRIBE, "<" + footer.unsubscribeUrl() + ">");
        headers.put(PreSendChecks.LIST_UNSUBSCRIBE_POST, PreSendChecks.ONE_CLICK);
        return new OutboundEmail(envelope.messageId(), envelope.tenantId(), envelope.from(), envelope.replyTo(), envelope.to(),
                content.subject(), html(content.html(), footer), text(content.text(), footer), Map.copyOf(headers),
                envelope.tags() == null ? Map.of() : Map.copyOf(envelope.tags()));
    }

    static String html(String contentHtml, Footer footer) {
        Document document = Jsoup.parseBodyFragment(contentHtml == null ? "" : contentHtml);
        document.outputSettings().prettyPrint(false);
        Element block = document.body().appendElement("div");
        String language = TemplateComposer.language(footer.language());
        if (footer.brand() != null && !footer.brand().isBlank()) {
            block.appendElement("p").appendElement("small").text(String.format(WHY.get(language), footer.brand()));
        }
        Element address = block.appendElement("p").appendElement("small");
        List<String> lines = lines(footer.postalAddress());
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                address.appendElement("br");
            }
            address.appendText(lines.get(i));
        }
        block.appendElement("p").appendElement("small").appendElement("a").attr("href", footer.unsubscribeUrl())
                .text(UNSUBSCRIBE.get(language));
        return HtmlSanitizer.sanitize(document.body().html());
    }

    static String text(String contentText, Footer footer) {
        String language = TemplateComposer.language(footer.language());
        StringBuilder out = new StringBuilder(contentText == null ? "" : contentText.strip()).append("\n\n-- \n");
        if (footer.brand() != null && !footer.brand().isBlank()) {
            out.append(String.format(WHY.get(language), footer.brand())).append('\n');
        }
        lines(footer.postalAddress()).forEach(line -> out.append(line).append('\n'));
        return out.append(UNSUBSCRIBE.get(language)).append(": ").append(footer.unsubscribeUrl()).toString();
    }

    private static List<String> lines(String address) {
        return address == null ? List.of() : address.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
