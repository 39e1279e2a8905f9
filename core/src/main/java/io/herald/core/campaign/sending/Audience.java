package io.herald.core.campaign.sending;

import io.herald.core.audience.AudiencePage;
import io.herald.core.audience.SegmentRef;

/** The seam to the audience capability ({@code SegmentService.matches}): a campaign's recipients, page by page. */
public interface Audience {

    /** One step of the walk; {@code cursor} null starts it, a null {@code next} ends it. */
    AudiencePage matches(String tenantId, SegmentRef segment, String cursor, int limit);
}
