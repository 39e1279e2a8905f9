package io.herald.core.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * Something a contact did: a page view, a purchase, a sign-up.
 *
 * @param id the caller's idempotency id, or one Herald assigns; an id posted again (with any time) is stored once
 * @param type what happened, such as {@code viewed_product}
 * @param time when it happened
 * @param properties details (a JSON object of at most 8 KiB)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactEvent(String id, String contactId, String type, Instant time, ObjectNode properties, Instant receivedAt) {
}
