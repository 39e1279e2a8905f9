package io.herald.core.content.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.tenant.ModelFields;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which contact fields reach the model: only those both the tenant ({@code modelFields}) and the prompt
 * ({@code profileFields}) allow. Everything else stays in Herald (data minimization).
 */
public final class ProfileFields {

    public static final String ALL_ATTRIBUTES = "attributes.*";
    public static final String EVENTS = ModelFields.EVENTS;

    private ProfileFields() {
    }

    /** A field a prompt may list in {@code profileFields}: the tenant's vocabulary plus the {@code attributes.*} wildcard. */
    public static boolean isValidPromptField(String field) {
        return ModelFields.isValid(field) || ALL_ATTRIBUTES.equals(field);
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
