package io.herald.core.campaign.sending;

import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;
import io.herald.core.audience.SegmentService;
import jakarta.enterprise.context.ApplicationScoped;

/** The planner's audience: the pinned segment version's matching contacts, walked by the audience capability. */
@ApplicationScoped
public class SegmentAudience implements Audience {

    private final SegmentService segments;

    public SegmentAudience(SegmentService segments) {
        this.segments = segments;
    }

    @Override
    public AudiencePage matches(String tenantId, SegmentRef segment, String cursor, int limit) {
        return segments.matches(tenantId, segment, cursor, limit);
    }
}
