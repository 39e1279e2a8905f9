package io.herald.worker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The EventBridge Scheduler/rule event that starts a planning tick; only its id is used (in the log). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduledEvent(String id, String time) {
}
