package io.herald.api.segment;

import io.herald.core.audience.Segment;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a tenant's segments, each at its latest version. */
@RegisterForReflection
@Schema(name = "SegmentPage")
public record SegmentPage(
        @Schema(description = "Segments in id order, each at its latest version") List<Segment> items,
        @Schema(description = "Pass as ?cursor= for the next page; null on the last page", nullable = true) String next) {
}
