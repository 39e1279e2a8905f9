package io.herald.core.content.guardrails;

import io.herald.core.content.Channel;
import io.herald.core.content.SocialNetwork;
import io.herald.core.content.Variant;
import io.herald.core.content.VariantDraft;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks every variant passes before anyone sees it, whichever composer wrote it. Plain Java, no I/O:
 * the same input always gives the same verdict.
 */
public final class ContentChecks {

    public static final int SUBJECT_MAX = 150;
    public static final int PREHEADER_MAX = 200;
    public static final int HTML_MAX = 100_000;
    public static final int HEADLINE_MAX = 120;
    public static final int BODY_MAX = 5_000;
    public static final int CTA_MAX = 40;
    public static final int HASHTAGS_MAX = 30;
    private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");
    /** An opening, closing or comment tag, even unterminated ({@code <script src=...} at the end of a field). */
    private static final Pattern TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9-]*(?:[\\s/>]|$)|<!--");

    private ContentChecks() {
    }

    /**
     * What a variant is checked against.
     *
     * @param channel the channel, which decides the fields and limits
     * @param network the social network (social only)
     * @param ctaUrl the brief's call-to-action URL, always an allowed link
     * @param linkDomains the tenant's allowed link hosts (subdomains included)
     * @param bannedPhrases phrases that must not appear, compared case-insensitively
     * @param smsMaxSegments the most SMS segments one message may take
     * @param mergeFields the merge fields ({@code firstName} for {@code {{firstName}}}) campaign content may carry, to be
     *                    rendered per recipient at send time; empty for content that must be final text
     */
    public record Rules(Channel channel, SocialNetwork network, String ctaUrl, List<String> linkDomains,
            List<String> bannedPhrases, int smsMaxSegments, Set<String> mergeFields) {

        public Rules {
            mergeFields = mergeFields == null ? Set.of() : Set.copyOf(mergeFields);
        }

        /** Rules for final text, without merge fields. */
        public Rules(Channel channel, SocialNetwork network, String ctaUrl, List<String> linkDomains, List<String> bannedPhrases,
                int smsMaxSegments) {
            this(channel, network, ctaUrl, linkDomains, bannedPhrases, smsMaxSegments, Set.of());
        }
    }

    public static Variant check(int index, VariantDraft draft, Rules rules) {
        return switch (rules.channel()) {
            case email -> email(index, draft, rules);
            case sms -> sms(index, draft, rules);
            case social -> social(index, draft, rules);
            case web -> web(index, draft, rules);
        };
    }

    /** Whether the draft is within its channel's length limits (what the template composer shortens its text for). */
    public static boolean fitsLengths(VariantDraft draft, Rules rules) {
        return check(0, draft, rules).checks().stream().filter(c -> c.name().equals("length")).allMatch(CheckResult::passed);
    }

    private static Variant email(int index, VariantDraft draft, Rules rules) {
        String subject = clean(draft.subject());
        String preheader = clean(draft.preheader());
        String html = HtmlSanitizer.sanitize(draft.html());
        String text = HtmlSanitizer.toText(html);
        Document document = HtmlSanitizer.parse(html);
        List<CheckResult> checks = new ArrayList<>();
        checks.add(required(List.of("subject", "html"), subject, text.isEmpty() ? null : text));
        // The sanitized HTML is what is returned either way; a failure makes the model rewrite it (a repair) rather than
        // ship an email whose meaning may have changed with what was removed.
        checks.add(HtmlSanitizer.isSafe(draft.html())
                ? CheckResult.pass("html", "only safelisted markup")
                : CheckResult.fail("html", "markup outside the safelist (scripts, event handlers, styles, forms, javascript: "
                        + "links...) had to be removed; use only simple tags such as p, a, strong, em, ul, li, h1-h3, table"));
        checks.add(lengths(
                limit("subject", codePoints(subject), 1, SUBJECT_MAX, "characters"),
                limit("preheader", codePoints(preheader), 0, PREHEADER_MAX, "characters"),
                limit("html", html.length(), 1, HTML_MAX, "characters")));
        Set<String> links = new LinkedHashSet<>(Links.inHtml(document));
        links.addAll(Links.inText(subject));
        links.addAll(Links.inText(preheader));
        checks.add(links(links, rules));
        boolean hasCta = document.select("a[href]").stream().anyMatch(a -> Links.allowed(a.attr("href"), rules.ctaUrl(), List.of()));
        checks.add(hasCta ? CheckResult.pass("ctaLink", "links to " + rules.ctaUrl())
                : CheckResult.fail("ctaLink", "the HTML has no link to the brief's ctaUrl " + rules.ctaUrl()));
        checks.add(markup(List.of("subject", "preheader"), subject, preheader));
        checks.add(emailPlaceholders(document, rules.mergeFields(), subject, preheader, html, text));
        checks.add(banned(rules, subject, preheader, text));
        return new Variant(index, subject, preheader, html, text, null, null, null, null, rules.ctaUrl(), null, null, checks);
    }

    private static Variant sms(int index, VariantDraft draft, Rules rules) {
        String text = clean(draft.text());
        SmsSegments.SmsCount count = SmsSegments.count(text == null ? "" : text);
        List<CheckResult> checks = new ArrayList<>();
        checks.add(required(List.of("text"), text));
        boolean fits = count.segments() >= 1 && count.segments() <= rules.smsMaxSegments();
        String measured = count.encoding() + ", " + count.units() + (count.encoding().equals("GSM-7") ? " septets" : " UTF-16 units")
                + ", " + count.segments() + " segment(s) of at most " + rules.smsMaxSegments();
        checks.add(fits ? CheckResult.pass("length", measured) : CheckResult.fail("length", measured));
        checks.add(links(Links.inText(text), rules));
        checks.add(markup(List.of("text"), text));
        checks.add(placeholders(text));
        checks.add(banned(rules, text));
        return new Variant(index, null, null, null, text, null, null, null, null, rules.ctaUrl(), count, null, checks);
    }

    private static Variant social(int index, VariantDraft draft, Rules rules) {
        String text = clean(draft.text());
        List<String> hashtags = draft.hashtags() == null ? List.of() : draft.hashtags().stream()
                .filter(tag -> tag != null && !tag.isBlank())
                .map(tag -> tag.strip().replaceFirst("^#+", ""))
                .distinct().toList();
        // measured as posted, in one piece (X counts a URL by where it ends): the text, then " #tag" for each hashtag
        String posted = (text == null ? "" : text) + hashtags.stream().map(tag -> " #" + tag).collect(Collectors.joining());
        int length = PostLength.of(rules.network(), posted);
        int max = rules.network().maxCodePoints();
        List<CheckResult> checks = new ArrayList<>();
        checks.add(required(List.of("text"), text));
        checks.add(lengths(limit(rules.network() + " post with hashtags", length, 1, max,
                rules.network() == SocialNetwork.x ? "weighted characters, each URL 23" : "characters")));
        List<String> badTags = hashtags.stream().filter(tag -> !HASHTAG.matcher(tag).matches()).toList();
        if (hashtags.size() > HASHTAGS_MAX) {
            checks.add(CheckResult.fail("hashtags", hashtags.size() + " hashtags, more than " + HASHTAGS_MAX));
        } else if (!badTags.isEmpty()) {
            checks.add(CheckResult.fail("hashtags", "not a single word of letters, digits or '_': " + badTags));
        } else {
            checks.add(CheckResult.pass("hashtags", hashtags.size() + " hashtag(s)"));
        }
        Set<String> links = new LinkedHashSet<>(Links.inText(text));
        hashtags.forEach(tag -> links.addAll(Links.inText(tag)));
        checks.add(links(links, rules));
        checks.add(markup(List.of("text"), text));
        checks.add(placeholders(Stream.concat(Stream.of(text), hashtags.stream()).toArray(String[]::new)));
        checks.add(banned(rules, Stream.concat(Stream.of(text), hashtags.stream()).toArray(String[]::new)));
        return new Variant(index, null, null, null, text, hashtags, null, null, null, rules.ctaUrl(), null, length, checks);
    }

    private static Variant web(int index, VariantDraft draft, Rules rules) {
        String headline = clean(draft.headline());
        String body = clean(draft.body());
        String cta = clean(draft.cta());
        List<CheckResult> checks = new ArrayList<>();
        checks.add(required(List.of("headline", "body", "cta"), headline, body, cta));
        checks.add(lengths(
                limit("headline", codePoints(headline), 1, HEADLINE_MAX, "characters"),
                limit("body", codePoints(body), 1, BODY_MAX, "characters"),
                limit("cta", codePoints(cta), 1, CTA_MAX, "characters")));
        Set<String> links = new LinkedHashSet<>(Links.inText(headline));
        links.addAll(Links.inText(body));
        links.addAll(Links.inText(cta));
        checks.add(links(links, rules));
        checks.add(markup(List.of("headline", "body", "cta"), headline, body, cta));
        checks.add(placeholders(headline, body, cta));
        checks.add(banned(rules, headline, body, cta));
        return new Variant(index, null, null, null, null, null, headline, body, cta, rules.ctaUrl(), null, null, checks);
    }

    private static CheckResult required(List<String> names, String... values) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (values[i] == null || values[i].isBlank()) {
                missing.add(names.get(i));
            }
        }
        return missing.isEmpty() ? CheckResult.pass("format", "all fields present")
                : CheckResult.fail("format", "missing or empty: " + String.join(", ", missing));
    }

    private record Limit(String field, int value, int min, int max, String unit) {
        boolean ok() {
            return value >= min && value <= max;
        }

        @Override
        public String toString() {
            return field + " " + value + (min > 0 ? " (" + min + " to " + max : " (at most " + max) + " " + unit + ")";
        }
    }

    private static Limit limit(String field, int value, int min, int max, String unit) {
        return new Limit(field, value, min, max, unit);
    }

    private static CheckResult lengths(Limit... limits) {
        List<String> over = Stream.of(limits).filter(l -> !l.ok()).map(Limit::toString).toList();
        return over.isEmpty()
                ? CheckResult.pass("length", String.join("; ", Stream.of(limits).map(Limit::toString).toList()))
                : CheckResult.fail("length", "out of bounds: " + String.join("; ", over));
    }

    private static CheckResult links(Set<String> links, Rules rules) {
        List<String> refused = links.stream().filter(link -> !Links.allowed(link, rules.ctaUrl(), rules.linkDomains())).toList();
        if (!refused.isEmpty()) {
            return CheckResult.fail("links", "not the brief's ctaUrl nor on an allowed domain: " + String.join(", ", refused));
        }
        return CheckResult.pass("links", links.isEmpty() ? "no links" : links.size() + " allowed link(s)");
    }

    /** Plain-text fields are shown as they are: a tag there is either visible noise or, rendered, unchecked markup. */
    private static CheckResult markup(List<String> names, String... values) {
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String value = values[i];
            if (value != null && (TAG.matcher(value).find() || !Jsoup.parseBodyFragment(value).body().children().isEmpty())) {
                marked.add(names.get(i));
            }
        }
        return marked.isEmpty() ? CheckResult.pass("markup", "plain text")
                : CheckResult.fail("markup", "HTML tags in a plain-text field, write plain text: " + String.join(", ", marked));
    }

    /**
     * Declared merge fields are rendered into text nodes only: inside an attribute (a link's href) a contact's value
     * could change where the link points, so a merge field there fails like any other placeholder.
     */
    private static CheckResult emailPlaceholders(Document document, Set<String> mergeFields, String... texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : texts) {
            found.addAll(Placeholders.find(text, mergeFields));
        }
        Set<String> inAttributes = new LinkedHashSet<>();
        document.getAllElements().forEach(element -> element.attributes()
                .forEach(attribute -> inAttributes.addAll(Placeholders.find(attribute.getValue()))));
        if (!inAttributes.isEmpty()) {
            return CheckResult.fail("placeholders", "placeholders inside links or attributes: " + String.join(", ", inAttributes)
                    + (mergeFields.isEmpty() ? "" : "; merge fields belong in the text"));
        }
        if (!found.isEmpty()) {
            return CheckResult.fail("placeholders", "unrendered: " + String.join(", ", found)
                    + (mergeFields.isEmpty() ? "" : "; the declared merge fields are " + mergeFields.stream().sorted().map(f -> "{{" + f + "}}").toList()));
        }
        return CheckResult.pass("placeholders", mergeFields.isEmpty() ? "none left unrendered" : "only declared merge fields");
    }

    private static CheckResult placeholders(String... texts) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : texts) {
            found.addAll(Placeholders.find(text));
        }
        return found.isEmpty() ? CheckResult.pass("placeholders", "none left unrendered")
                : CheckResult.fail("placeholders", "unrendered: " + String.join(", ", found));
    }

    private static CheckResult banned(Rules rules, String... texts) {
        StringBuilder all = new StringBuilder();
        for (String text : texts) {
            if (text != null) {
                all.append(fold(text)).append('\n');
            }
        }
        String haystack = all.toString();
        List<String> hits = rules.bannedPhrases().stream().filter(phrase -> haystack.contains(fold(phrase))).toList();
        return hits.isEmpty() ? CheckResult.pass("bannedPhrases", "none of " + rules.bannedPhrases().size() + " found")
                : CheckResult.fail("bannedPhrases", "contains: " + String.join(", ", hits));
    }

    /** Compatibility forms and case folded, so full-width or upper-case spellings match too. */
    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String clean(String value) {
        return value == null ? null : value.strip();
    }

    public static int codePoints(String value) {
        return value == null ? 0 : value.codePointCount(0, value.length());
    }
}
