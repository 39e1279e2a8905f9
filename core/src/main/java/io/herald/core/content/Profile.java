package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A recipient given inline instead of a stored contact; the same fields as a contact.
 *
 * @param email address
 * @param attributes free-form profile data
 * @param timezone IANA zone
 * @param locale BCP 47 tag
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(String email, ObjectNode attributes, String timezone, String locale) {
}
