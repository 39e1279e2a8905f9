package io.herald.core.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Which first-party tracking Herald writes into a tenant's campaign email. Both are on unless turned off; a field
 * left out of the settings means on, so settings stored before tracking existed keep tracking.
 *
 * @param opens append the open pixel to the HTML part (some receivers hold tracking pixels against the sender)
 * @param clicks rewrite the HTML part's links through the click redirect
 */
@RegisterForReflection
public record TrackingSettings(Boolean opens, Boolean clicks) {

    public TrackingSettings {
        opens = opens == null ? Boolean.TRUE : opens;
        clicks = clicks == null ? Boolean.TRUE : clicks;
    }

    public static TrackingSettings defaults() {
        return new TrackingSettings(true, true);
    }

    public boolean tracksOpens() {
        return opens;
    }

    public boolean tracksClicks() {
        return clicks;
    }
}
