package io.herald.core.campaign.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.contact.Contact;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.text.Normalizer;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The recipients who get the same content: one language and, when the campaign groups by an attribute, one value of
 * it. Content is generated once per group and variant, so model calls grow with groups, not recipients.
 *
 * @param key short, stable and safe in a store key or a queue message: the language, then {@code .} and the value
 *            when it is made of letters, digits, '-' and '_' (up to 24), {@code ~} and a hash of the value otherwise,
 *            or {@code _} when the recipient has no value ({@code zh}, {@code en.gold}, {@code en._}, {@code zh.~3f…})
 * @param language the primary language subtag the content is written in ({@code zh} for {@code zh-CN})
 * @param attribute the attribute the campaign groups by, or null
 * @param value the group's value of that attribute, or null for recipients without one (the default group)
 */
@RegisterForReflection
public record ContentGroup(String key, String language, String attribute, String value) {

    /** The key part of the group of recipients without a value. */
    public static final String NO_VALUE = "_";
    /** Marks a key part that is a hash of the value rather than the value. */
    public static final String HASHED = "~";
    /** Values longer than this are not grouped on: such text is not a segment label and should not reach the model. */
    public static final int MAX_VALUE = 100;
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,23}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,8}");
    private static final int HASH_CHARS = 20;

    /** The group of one contact under the campaign's content settings. */
    public static ContentGroup of(CampaignContentSpec spec, Contact contact) {
        String language = language(contact.locale(), spec.defaultLanguage());
        if (spec.groupBy() == null) {
            return new ContentGroup(language, language, null, null);
        }
        JsonNode raw = contact.attributes() == null ? null : contact.attributes().get(spec.groupBy());
        return of(language, spec.groupBy(), valueOf(raw));
    }

    /** The group for a language and an attribute value (null: recipients without one). */
    public static ContentGroup of(String language, String attribute, String value) {
        String lang = language(language, "en");
        if (attribute == null) {
            return new ContentGroup(lang, lang, null, null);
        }
        String part = value == null ? NO_VALUE
                : SAFE_VALUE.matcher(value).matches() ? value : HASHED + Hashes.sha256(value).substring(0, HASH_CHARS);
        return new ContentGroup(lang + "." + part, lang, attribute, value);
    }

    /**
     * The group a key stands for, read from the key alone: exact for keys of key-safe values; for a hashed key the value
     * is not in the key, and the group has none ({@link CampaignContentService#group} looks it up).
     */
    public static ContentGroup parse(String key, String attribute) {
        int dot = key.indexOf('.');
        String language = dot < 0 ? key : key.substring(0, dot);
        if (attribute == null || dot < 0) {
            return new ContentGroup(language, language, attribute, null);
        }
        String part = key.substring(dot + 1);
        String value = part.equals(NO_VALUE) || part.startsWith(HASHED) ? null : part;
        return new ContentGroup(key, language, attribute, value);
    }

    /** The primary language of a BCP 47 tag, lower case; the default's for a missing or unreadable tag. */
    static String language(String tag, String defaultTag) {
        String primary = primary(tag);
        if (primary != null) {
            return primary;
        }
        String fallback = primary(defaultTag);
        return fallback != null ? fallback : "en";
    }

    private static String primary(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        try {
            String language = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build().getLanguage();
            return LANGUAGE.matcher(language).matches() && !language.equals("und") ? language : null;
        } catch (IllformedLocaleException unreadable) {
            return null;
        }
    }

    /** Text, numbers and booleans group; anything else, blank or overlong, is the default group. */
    private static String valueOf(JsonNode raw) {
        if (raw == null || !raw.isValueNode() || raw.isNull()) {
            return null;
        }
        String value = Normalizer.normalize(raw.asText(), Normalizer.Form.NFC).strip();
        if (value.isEmpty() || value.codePointCount(0, value.length()) > MAX_VALUE) {
            return null;
        }
        return value;
    }
}
