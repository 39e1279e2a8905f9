package io.herald.core.audience;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One immutable version of a segment: who is in the audience is decided by {@code rule} alone, so a campaign that
 * pins {@code (id, version)} always means the same definition.
 *
 * @param id the segment's id, shared by all its versions
 * @param version 1, 2, ... in order of creation
 * @param name what marketers call it
 * @param rule the canonical JSON of the rule (the README's "The rule language")
 * @param createdAt when this version was written
 */
@RegisterForReflection
public record Segment(String id, int version, String name, JsonNode rule, Instant createdAt) {

    public SegmentRef ref() {
        return new SegmentRef(id, version);
    }
}
