package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A segment definition as a caller submits it.
 *
 * @param id optional on create (Herald assigns one), taken from the path on update
 * @param name 1 to 200 characters
 * @param rule the rule tree (see {@link RuleParser})
 */
public record SegmentDraft(String id, String name, JsonNode rule) {
}
