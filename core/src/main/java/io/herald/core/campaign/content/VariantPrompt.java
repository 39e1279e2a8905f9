package io.herald.core.campaign.content;

import io.herald.core.content.PromptRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One variant of a campaign and the prompt that writes it.
 *
 * @param variantId the campaign's name for the variant ({@code a}, {@code b}, ...): letters, digits, '-' or '_'
 * @param prompt the prompt version, or null for the built-in email prompt
 */
@RegisterForReflection
public record VariantPrompt(String variantId, PromptRef prompt) {
}
