package io.herald.core.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How a campaign's send instant is chosen: see {@link Schedule}. */
@RegisterForReflection
public enum ScheduleType {
    now, at, localTime
}
