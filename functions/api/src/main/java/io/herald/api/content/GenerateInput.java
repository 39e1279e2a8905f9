package io.herald.api.content;

import io.herald.core.content.Brief;
import io.herald.core.content.Channel;
import io.herald.core.content.GenerationRequest;
import io.herald.core.content.ModelParameters;
import io.herald.core.content.Profile;
import io.herald.core.content.PromptRef;
import io.herald.core.content.SocialNetwork;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request for generated content. */
@RegisterForReflection
@Schema(name = "GenerateInput", description = "Content for a stored contact (contactId) or an inline profile, from a brief")
public record GenerateInput(
        @Schema(description = "A stored contact; give this or profile", examples = "cust-1001") String contactId,
        @Schema(description = "An inline recipient with the fields of a contact (email, attributes, timezone, locale); give this or contactId")
        Profile profile,
        @Schema(required = true, description = "email, sms, social or web", examples = "email") Channel channel,
        @Schema(description = "For the social channel: x (280, weighted as X counts: CJK and emoji 2, each URL 23), linkedin (3000), "
                + "instagram (2200) or facebook (63206) characters",
                examples = "linkedin") SocialNetwork network,
        @Schema(required = true, description = "goal, product, ctaUrl (required); tone and language (BCP 47, default en)")
        Brief brief,
        @Schema(minimum = "1", maximum = "5", defaultValue = "1", description = "How many alternatives", examples = "2") Integer variants,
        @Schema(description = "A prompt template by name and version (latest when no version); the channel's built-in prompt when absent")
        PromptRef prompt,
        @Schema(description = "Model settings: model (one the operator allows, herald.generation.allowed-models), temperature (0 to 2), "
                + "maxTokens (1 to 4096), seed; the configured defaults when absent")
        ModelParameters parameters) {

    GenerationRequest toRequest() {
        return new GenerationRequest(contactId, profile, channel, network, brief, variants, prompt, parameters);
    }
}
