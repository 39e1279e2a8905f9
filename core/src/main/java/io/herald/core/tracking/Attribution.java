package io.herald.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The message an applied event belongs to, resolved inside the receiving tenant: what makes the event count for
 * a campaign and a variant, and traceable to the content (and so the prompt version and model call) that made it.
 *
 * @param tenantId the tenant
 * @param campaignId the campaign
 * @param variant the campaign variant the message carried
 * @param messageId Herald's message id
 * @param contactId the recipient, or null for a test send
 * @param test true for a test send, which no counter includes
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attribution(String tenantId, String campaignId, String variant, String messageId, String contactId, boolean test) {
}
