package io.herald.core.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.delivery.ProviderKind;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How an event names its message. Herald looks the message up only inside the tenant the event was received
 * for: by {@code messageId} (gsi1) first, then by the provider's id (gsi2).
 *
 * @param messageId Herald's message id, when the payload carries it (custom args, variables, metadata, tags, a token)
 * @param tenantId the tenant the payload claims, when it carries one; an event whose claim differs from the
 *                 receiving tenant is not applied
 * @param provider the provider that reported it, or null for first-party tracking and conversions
 * @param providerMessageId the provider's id of the message, when known
 * @param recipient the address the event is about (an SES notification with several recipients becomes one event each)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageRef(String messageId, String tenantId, ProviderKind provider, String providerMessageId, String recipient) {
}
