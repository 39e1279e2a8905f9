package io.herald.core.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a campaign is in its life. Planning happens only while {@code scheduled} or {@code running}, sending only
 * while {@code running}; {@code completed} and {@code cancelled} are final.
 */
@RegisterForReflection
public enum CampaignStatus {
    draft, scheduled, running, paused, completed, cancelled;

    /** The states this one may move to. */
    public Set<CampaignStatus> next() {
        return switch (this) {
            case draft -> EnumSet.of(scheduled, cancelled);
            case scheduled -> EnumSet.of(running, paused, cancelled);
            case running -> EnumSet.of(completed, paused, cancelled);
            case paused -> EnumSet.of(scheduled, running, cancelled);
            case completed, cancelled -> EnumSet.noneOf(CampaignStatus.class);
        };
    }

    public boolean canMoveTo(CampaignStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return this == completed || this == cancelled;
    }

    /** Whether the planner should look at a campaign in this state (the due index holds only these). */
    public boolean isDue() {
        return this == scheduled || this == running;
    }
}
