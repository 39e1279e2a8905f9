package io.herald.core.content.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which contact fields reach the model: only those both the tenant ({@code modelFields}) and the prompt
 * ({@code profileFields}) allow. Everything else stays in Herald (data minimization).
 */
public final class ProfileFields {

    public static final String ALL_ATTRIBUTES = "attributes.*";
    /** The contact's latest events (type and time), not a stored field of the contact itself. */
    public static final String EVENTS = "events";
    /** The contact's own fields that a tenant or a prompt may name. */
    public static final Set<String> TOP_LEVEL = Set.of("id", "email", "locale", "timezone", "consent");
    public static final Pattern ATTRIBUTE = Pattern.compile("attributes\\.[A-Za-z0-9_\\-]{1,64}");
    /** How the vocabulary reads in error messages. */
    public static final String TENANT_VOCABULARY = "id, email, locale, timezone, consent, events or attributes.<name>";

    private ProfileFields() {
    }

    /** A field a tenant may list in {@code modelFields}: the prompt vocabulary without the {@code attributes.*} wildcard. */
    public static boolean isValidTenantField(String field) {
        return field != null && (TOP_LEVEL.contains(field) || ATTRIBUTE.matcher(field).matches() || EVENTS.equals(field));
    }

    public static boolean isValidPromptField(String field) {
        return isValidTenantField(field) || ALL_ATTRIBUTES.equals(field);
    }

    /** The fields allowed by both lists; {@code attributes.*} in the prompt admits every attribute the tenant lists. */
    public static Set<String> allowed(List<String> tenantFields, List<String> promptFields) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String field : tenantFields) {
            if (promptFields.contains(field) || (field.startsWith("attributes.") && promptFields.contains(ALL_ATTRIBUTES))) {
                allowed.add(field);
            }
        }
        return allowed;
    }

    /**
     * The profile reduced to the allowed fields, as JSON.
     *
     * @param profile every field Herald holds (id, email, locale, timezone, consent, attributes)
     */
    public static ObjectNode minimize(ObjectNode profile, Set<String> allowed) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode attributes = profile.path("attributes");
        for (String field : allowed) {
            if (field.startsWith("attributes.")) {
                JsonNode value = attributes.get(field.substring("attributes.".length()));
                if (value != null && !value.isNull()) {
                    out.withObjectProperty("attributes").set(field.substring("attributes.".length()), value.deepCopy());
                }
            } else if (!EVENTS.equals(field) && profile.hasNonNull(field)) {
                out.set(field, profile.get(field).deepCopy());
            }
        }
        return out;
    }
}
