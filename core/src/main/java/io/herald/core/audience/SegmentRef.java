package io.herald.core.audience;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A pinned segment version, as a campaign holds it: the audience it names cannot change. */
@RegisterForReflection
public record SegmentRef(String id, int version) {
}
