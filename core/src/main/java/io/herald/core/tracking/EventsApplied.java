package io.herald.core.tracking;

import java.util.List;

/**
 * Fired (synchronously, as a CDI event) by the track worker after it stored new events. A repeat of an event fires
 * nothing, except in a redelivered track job, which announces its already stored events again (the first
 * announcement may have failed): observers must be idempotent per event. Outbound webhooks observe it; a failing
 * observer fails the job, so that the redelivery announces again.
 *
 * @param tenantId the tenant
 * @param events the events stored for the first time (and, in a redelivered job, those stored before), in the order applied
 */
public record EventsApplied(String tenantId, List<StoredEvent> events) {
}
