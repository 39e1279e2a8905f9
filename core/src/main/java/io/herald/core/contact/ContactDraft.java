package io.herald.core.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A contact as a caller sends it. Absent fields keep their stored value; an attribute set to null is removed.
 */
public record ContactDraft(String id, String email, ObjectNode attributes, String timezone, String locale,
        Map<String, Consent> consent) {
}
