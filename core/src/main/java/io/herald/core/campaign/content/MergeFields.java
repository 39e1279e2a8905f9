package io.herald.core.campaign.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.contact.Contact;
import io.herald.core.content.Variant;
import io.herald.core.content.guardrails.Links;
import io.herald.core.content.guardrails.Placeholders;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a campaign's merge fields for one recipient. The template is scanned once and each declared
 * {@code {{field}}} replaced by the recipient's value, so a value is never scanned again: a value that reads
 * {@code {{lastName}}} stays that text. In the HTML part only text nodes are rendered, and jsoup escapes what it
 * writes, so a value such as {@code <a href=...>} stays text too; the plain parts get the value as it is, without
 * control characters (no header injection through a subject). A value that is too long or holds a URL or domain is
 * not a name: the campaign's default takes its place.
 */
public final class MergeFields {

    /** The merge fields a campaign may declare, each read from the contact attribute of the same name. */
    public static final List<String> ALLOWED = List.of("firstName", "lastName", "city", "company");
    /** Longer values are not names: the default is used instead. */
    public static final int MAX_VALUE = 100;
    /** C0/C1 controls (CR and LF among them) and the bidirectional overrides, which can disguise text. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");

    private MergeFields() {
    }

    /**
     * One recipient's copy of the content.
     *
     * @param values the values rendered into it, by field name (defaults included)
     * @param unrendered placeholders the content still holds once every declared field is filled, found in the content
     *                   with empty values so that no recipient's value can hide or fake one
     */
    public record Rendered(String subject, String preheader, String html, String text, Map<String, String> values,
            Set<String> unrendered) {
    }

    public static Rendered render(Variant content, Contact contact, List<MergeField> declared) {
        Map<String, String> values = values(contact, declared);
        return new Rendered(renderPlain(content.subject(), values), renderPlain(content.preheader(), values),
                renderHtml(content.html(), values), renderPlain(content.text(), values), values, unrendered(content, declared));
    }

    /** The placeholders left in the content with every declared field filled with nothing. */
    static Set<String> unrendered(Variant content, List<MergeField> declared) {
        Map<String, String> empty = new LinkedHashMap<>();
        declared.forEach(field -> empty.put(field.name(), ""));
        Set<String> found = new LinkedHashSet<>();
        found.addAll(Placeholders.find(renderPlain(content.subject(), empty)));
        found.addAll(Placeholders.find(renderPlain(content.preheader(), empty)));
        found.addAll(Placeholders.find(renderPlain(content.text(), empty)));
        Document html = Jsoup.parseBodyFragment(renderHtml(content.html(), empty));
        found.addAll(Placeholders.find(html.body().wholeText()));
        html.getAllElements().forEach(element -> element.attributes().forEach(a -> found.addAll(Placeholders.find(a.getValue()))));
        return found;
    }

    /** Each declared field's value for the contact: its attribute when usable, else the campaign's default. */
    static Map<String, String> values(Contact contact, List<MergeField> declared) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode attributes = contact == null ? null : contact.attributes();
        for (MergeField field : declared) {
            JsonNode raw = attributes == null ? null : attributes.get(field.name());
            String value = raw != null && raw.isValueNode() && !raw.isNull() ? clean(raw.asText()) : "";
            // a URL is not a name, and mail clients would make it a link even in text
            if (value.isBlank() || value.codePointCount(0, value.length()) > MAX_VALUE || !Links.inText(value).isEmpty()) {
                value = clean(field.defaultValue() == null ? "" : field.defaultValue());
            }
            values.put(field.name(), value);
        }
        return values;
    }

    static String clean(String value) {
        return CONTROL.matcher(value).replaceAll("").strip();
    }

    static String renderPlain(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        Matcher field = Placeholders.MERGE_FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (field.find()) {
            String value = values.get(field.group(1));
            field.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : field.group()));
        }
        return field.appendTail(out).toString();
    }

    /** Text nodes only: an attribute (a link's href) never receives a contact's value. */
    static String renderHtml(String html, Map<String, String> values) {
        if (html == null) {
            return "";
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.outputSettings().prettyPrint(false);
        for (TextNode node : textNodes(document)) {
            String whole = node.getWholeText();
            if (whole.contains("{{")) {
                node.text(renderPlain(whole, values));
            }
        }
        return document.body().html();
    }

    private static List<TextNode> textNodes(Document document) {
        return document.body().getAllElements().stream().flatMap(element -> element.textNodes().stream()).toList();
    }
}
