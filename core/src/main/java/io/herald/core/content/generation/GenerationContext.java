package io.herald.core.content.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.ModelParameters;
import io.herald.core.content.guardrails.ContentChecks;
import io.herald.core.content.prompt.PromptMessages;

/**
 * Everything one generation needs, prepared and validated by the content service.
 *
 * @param channel the channel
 * @param brief the brief (language defaulted)
 * @param variants how many variants
 * @param messages the assembled prompt
 * @param parameters what the caller asked for (each may be null)
 * @param seed the seed to send
 * @param rules what every variant is checked against
 * @param brand the brand name, for the template composer
 * @param attributes the recipient's attributes, for the template composer's greeting (never sent anywhere)
 */
public record GenerationContext(Channel channel, Brief brief, int variants, PromptMessages messages,
        ModelParameters parameters, int seed, ContentChecks.Rules rules, String brand, JsonNode attributes) {
}
