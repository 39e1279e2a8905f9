package io.herald.core.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.herald.core.content.PromptRef;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One variant of a campaign's message.
 *
 * @param id a short label such as {@code A}, unique within the campaign
 * @param prompt the prompt version that writes it, pinned at creation (the latest version when none was named);
 *               null for the channel's built-in prompt
 * @param weight the share of recipients it gets; the weights of a campaign sum to 1 (an even split for now, stored
 *               so that an adaptive allocation can change them)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantSpec(String id, PromptRef prompt, Double weight) {
}
