package io.herald.core.tracking;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** The production {@link TrackFailureHook}: nothing fails on purpose. */
@DefaultBean
@ApplicationScoped
class NoTrackFailures implements TrackFailureHook {
}
