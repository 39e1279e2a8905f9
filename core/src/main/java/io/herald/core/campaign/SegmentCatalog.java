package io.herald.core.campaign;

import java.util.Optional;

/**
 * What a campaign needs to know about segments: whether one exists, and which version "latest" means now. The
 * audience capability answers it ({@code SegmentService.find(tenantId, id, version)}); campaign defines the seam so
 * that it does not depend on how segments are stored.
 */
public interface SegmentCatalog {

    /**
     * The version of the tenant's segment that a campaign pins.
     *
     * @param version the version asked for, or null for the latest
     * @return that version (the latest one's number when null was asked), or empty when there is no such segment or version
     */
    Optional<Integer> pinnedVersion(String tenantId, String segmentId, Integer version);
}
