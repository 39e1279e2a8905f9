package io.herald.core.content.rendering;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.VariantDraft;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import org.jsoup.nodes.Entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The deterministic composer: brief and profile in, content per channel out, from the Qute templates under
 * {@code herald/templates/<language>/}. The same input always gives the same output. It writes when no model
 * is configured, when the model fails or its circuit is open, and when the model's content fails the checks
 * twice; it is also the control arm of holdout tests. Templates receive only strings (a map), so no
 * reflection is needed in a native image.
 */
public final class TemplateComposer {

    public static final List<String> LANGUAGES = List.of("en", "zh");
    /** A first name is used only when it looks like one: a recipient's free text must not become content. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{M} '\\-]{0,39}");
    private static final Pattern TAG_NOISE = Pattern.compile("[^\\p{L}\\p{N}_]");
    private static final Engine ENGINE = Engine.builder().addDefaults().build();
    private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

    private TemplateComposer() {
    }

    /** Composes the variants, whatever their length. */
    public static List<VariantDraft> compose(Channel channel, Brief brief, String brand, JsonNode attributes, int variants) {
        return compose(channel, brief, brand, attributes, variants, draft -> true);
    }

    /**
     * Composes the variants.
     *
     * @param brand the tenant's brand name
     * @param attributes the recipient's attributes (for a first name), or null
     * @param fits whether a draft is within the channel's length limits; when it is not, the product and brand names
     *             are shortened (with an ellipsis) to the longest that fits, so a long product name cannot push an SMS
     *             or a post over its limit
     */
    public static List<VariantDraft> compose(Channel channel, Brief brief, String brand, JsonNode attributes, int variants,
            Predicate<VariantDraft> fits) {
        return compose(channel, brief, brand, firstName(attributes), variants, fits);
    }

    /**
     * Composes the variants for content written once for many recipients (a campaign's group): when the campaign
     * declares the {@code firstName} merge field and there is no one recipient's name, the greeting carries
     * {@code {{firstName}}}, which the send step fills per recipient (HTML-escaped), so template content greets
     * people by name as the model's does.
     */
    public static List<VariantDraft> compose(Channel channel, Brief brief, String brand, JsonNode attributes, java.util.Set<String> mergeFields,
            int variants, Predicate<VariantDraft> fits) {
        String name = firstName(attributes);
        if (name.isEmpty() && attributes == null && mergeFields.contains("firstName")) {
            name = "{{firstName}}";
        }
        return compose(channel, brief, brand, name, variants, fits);
    }

    private static List<VariantDraft> compose(Channel channel, Brief brief, String brand, String name, int variants,
            Predicate<VariantDraft> fits) {
        String language = language(brief.language());
        // "…" is not in the GSM-7 alphabet: in an SMS it would switch the whole message to UCS-2 and halve its room
        String ellipsis = channel == Channel.sms ? "..." : "…";
        List<VariantDraft> drafts = new ArrayList<>();
        for (int variant = 1; variant <= variants; variant++) {
            VariantDraft draft = draft(channel, language, brief, brief.product(), brand, name, variant);
            if (!fits.test(draft)) {
                int low = 0;
                int high = Math.max(codePoints(brief.product()), codePoints(brand));
                VariantDraft best = draft(channel, language, brief, shorten(brief.product(), 0, ellipsis), shorten(brand, 0, ellipsis),
                        name, variant);
                while (low <= high) {
                    int budget = (low + high) >>> 1;
                    VariantDraft shorter = draft(channel, language, brief, shorten(brief.product(), budget, ellipsis),
                            shorten(brand, budget, ellipsis), name, variant);
                    if (fits.test(shorter)) {
                        best = shorter;
                        low = budget + 1;
                    } else {
                        high = budget - 1;
                    }
                }
                draft = best;
            }
            drafts.add(draft);
        }
        return drafts;
    }

    private static VariantDraft draft(Channel channel, String language, Brief brief, String product, String brand, String name,
            int variant) {
        Map<String, Object> data = new HashMap<>();
        data.put("product", product);
        data.put("ctaUrl", brief.ctaUrl());
        data.put("brand", brand);
        data.put("name", name);
        data.put("variant", variant);
        data.put("cta", render(language, "cta.txt", data));
        return switch (channel) {
            case email -> VariantDraft.email(render(language, "email-subject.txt", data),
                    render(language, "email-preheader.txt", data), render(language, "email.html", escaped(data)));
            case sms -> VariantDraft.sms(render(language, "sms.txt", data));
            case social -> VariantDraft.social(render(language, "social.txt", data), hashtags(brief.product(), brand));
            case web -> VariantDraft.web(render(language, "web-headline.txt", data), render(language, "web-body.txt", data),
                    (String) data.get("cta"));
        };
    }

    /** The first {@code max} code points and an ellipsis, or the text itself when it is not longer. */
    static String shorten(String text, int max, String ellipsis) {
        if (text == null || codePoints(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)).strip() + ellipsis;
    }

    private static int codePoints(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** The template language for a BCP 47 tag: its primary language when Herald has texts for it, else English. */
    public static String language(String tag) {
        String primary = tag == null ? "en" : Locale.forLanguageTag(tag).getLanguage();
        return LANGUAGES.contains(primary) ? primary : "en";
    }

    static String firstName(JsonNode attributes) {
        if (attributes == null) {
            return "";
        }
        for (String field : List.of("firstName", "first_name", "givenName", "name")) {
            JsonNode value = attributes.get(field);
            if (value != null && value.isTextual() && NAME.matcher(value.asText().strip()).matches()) {
                return value.asText().strip();
            }
        }
        return "";
    }

    private static List<String> hashtags(String product, String brand) {
        List<String> tags = new ArrayList<>();
        for (String source : new String[] {brand, product}) {
            String tag = source == null ? "" : TAG_NOISE.matcher(source).replaceAll("");
            if (!tag.isEmpty() && tag.length() <= 30 && !tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static Map<String, Object> escaped(Map<String, Object> data) {
        Map<String, Object> html = new HashMap<>();
        data.forEach((key, value) -> html.put(key, value instanceof String text ? Entities.escape(text) : value));
        return html;
    }

    private static String render(String language, String file, Map<String, Object> data) {
        Template template = TEMPLATES.computeIfAbsent(language + "/" + file, TemplateComposer::load);
        return template.data(data).render().strip();
    }

    private static Template load(String path) {
        String resource = "herald/templates/" + path;
        try (InputStream in = TemplateComposer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + resource);
            }
            return ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
