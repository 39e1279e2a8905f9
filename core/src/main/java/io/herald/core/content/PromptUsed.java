package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The prompt template version a generation used, with the hash of its text for the audit trail. */
@RegisterForReflection
public record PromptUsed(String name, int version, String hash) {
}
