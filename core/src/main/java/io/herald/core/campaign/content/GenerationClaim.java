package io.herald.core.campaign.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** One invocation is writing a content group's variant until {@code until}; after that another may take over. */
@RegisterForReflection
public record GenerationClaim(String owner, Instant until) {
}
