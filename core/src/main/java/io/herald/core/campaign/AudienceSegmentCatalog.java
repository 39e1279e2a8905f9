package io.herald.core.campaign;

import io.herald.core.audience.Segment;
import io.herald.core.audience.SegmentService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Segments as the audience capability stores them. */
@ApplicationScoped
public class AudienceSegmentCatalog implements SegmentCatalog {

    private final SegmentService segments;

    public AudienceSegmentCatalog(SegmentService segments) {
        this.segments = segments;
    }

    @Override
    public Optional<Integer> pinnedVersion(String tenantId, String segmentId, Integer version) {
        return segments.find(tenantId, segmentId, version).map(Segment::version);
    }
}
