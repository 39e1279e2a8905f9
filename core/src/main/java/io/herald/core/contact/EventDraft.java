package io.herald.core.contact;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** An event as a caller sends it; {@code id} is optional and makes re-posting safe. */
public record EventDraft(String id, String contactId, String type, Instant time, ObjectNode properties) {
}
