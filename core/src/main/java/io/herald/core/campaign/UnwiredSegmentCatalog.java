package io.herald.core.campaign;

import io.herald.core.errors.HeraldException;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Stands in until the audience capability provides a {@link SegmentCatalog}: a campaign cannot be checked against
 * segments that do not exist in this build, so it is refused as unavailable rather than accepted unchecked.
 */
@DefaultBean
@ApplicationScoped
public class UnwiredSegmentCatalog implements SegmentCatalog {

    @Override
    public Optional<Integer> pinnedVersion(String tenantId, String segmentId, Integer version) {
        throw new HeraldException(HeraldException.Kind.UNAVAILABLE, "Service unavailable", "segments are not available in this build");
    }
}
