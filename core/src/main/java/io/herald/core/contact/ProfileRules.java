package io.herald.core.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.errors.HeraldException;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What a valid contact field looks like; each rule names the field in its message. */
public final class ProfileRules {

    static final int MAX_CONSENT_SOURCE = 200;
    private static final int MAX_LOCALE = 64;
    static final Set<String> CHANNELS = Set.of("email", "sms", "social", "web", "push");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");

    private ProfileRules() {
    }

    public static String contactId(String id) {
        if (id == null || id.isEmpty() || id.length() > 128 || id.chars().anyMatch(Character::isISOControl) || !id.strip().equals(id)) {
            throw HeraldException.invalid("id: required, 1 to 128 characters, no control characters or surrounding spaces");
        }
        return id;
    }

    /** A practical subset of RFC 5321 addresses: dot-atom local part, a host name with a top-level domain. */
    public static boolean isEmail(String email) {
        return email != null && email.length() <= 254 && email.indexOf('@') <= 64 && EMAIL.matcher(email).matches();
    }

    public static String email(String email) {
        if (email != null && !isEmail(email)) {
            throw HeraldException.invalid("email: '" + email + "' is not a valid email address");
        }
        return email;
    }

    public static String timezone(String zone) {
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            throw HeraldException.invalid("timezone: '" + zone + "' is not an IANA time zone such as Europe/Paris or Asia/Shanghai");
        }
        return zone;
    }

    /** A well-formed BCP 47 tag, returned in its canonical form (zh-cn becomes zh-CN). */
    public static String locale(String tag) {
        if (tag == null) {
            return null;
        }
        if (tag.length() > MAX_LOCALE) {
            throw HeraldException.invalid("locale: at most " + MAX_LOCALE + " characters");
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw HeraldException.invalid("locale: '" + tag + "' is not a BCP 47 language tag such as en-US or zh-CN");
        }
    }

    public static void consentChannel(String channel) {
        if (!CHANNELS.contains(channel)) {
            throw HeraldException.invalid("consent: '" + channel + "' is not a channel; use one of " + CHANNELS);
        }
    }

    public static String eventType(String type) {
        if (type == null || !EVENT_TYPE.matcher(type).matches()) {
            throw HeraldException.invalid("type: required, a letter then up to 63 letters, digits, '_', '.', ':' or '-'");
        }
        return type;
    }

    /** A batch of contacts or events: at least one item, at most {@code max}. */
    static <T> List<T> batch(String what, List<T> items, int max) {
        if (items == null || items.isEmpty()) {
            throw HeraldException.invalid(what + ": at least one item is required");
        }
        if (items.size() > max) {
            throw HeraldException.invalid(what + ": " + items.size() + " items, more than the limit of " + max + " per request");
        }
        return items;
    }

    public static void sizeAtMost(String field, JsonNode object, int maxBytes) {
        if (object == null) {
            return;
        }
        if (!object.isObject()) {
            throw HeraldException.invalid(field + ": must be a JSON object");
        }
        int size = object.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw HeraldException.invalid(field + ": " + size + " bytes of JSON, more than the limit of " + maxBytes);
        }
    }
}
