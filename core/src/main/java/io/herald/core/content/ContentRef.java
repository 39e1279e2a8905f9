package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A pointer from a contact's partition to content generated for the contact, so erasure and export find it. */
@RegisterForReflection
public record ContentRef(String contentId, Instant createdAt) {
}
