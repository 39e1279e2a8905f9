package io.herald.core.tracking;

import java.util.List;

/**
 * Fired (synchronously, as a CDI event) by the track worker after it stored new events; a repeat of an event fires
 * nothing. Outbound webhooks observe it.
 *
 * @param tenantId the tenant
 * @param events the events stored for the first time, in the order applied
 */
public record EventsApplied(String tenantId, List<StoredEvent> events) {
}
