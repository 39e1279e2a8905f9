package io.herald.core.tenant;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of what may reach the model about a contact: the vocabulary of a tenant's {@code modelFields}
 * and, with a wildcard, of a prompt's {@code profileFields}. One definition, so the two cannot drift apart.
 */
public final class ModelFields {

    /** The contact's latest events (type and time), not a stored field of the contact itself. */
    public static final String EVENTS = "events";
    /** The contact's own fields. */
    public static final Set<String> TOP_LEVEL = Set.of("id", "email", "locale", "timezone", "consent");
    /** One attribute of the contact's {@code attributes} object. */
    public static final Pattern ATTRIBUTE = Pattern.compile("attributes\\.[A-Za-z0-9_\\-]{1,64}");
    /** How the vocabulary reads in error messages. */
    public static final String VOCABULARY = "id, email, locale, timezone, consent, events or attributes.<name>";

    private ModelFields() {
    }

    public static boolean isValid(String field) {
        return field != null && (TOP_LEVEL.contains(field) || ATTRIBUTE.matcher(field).matches() || EVENTS.equals(field));
    }
}
