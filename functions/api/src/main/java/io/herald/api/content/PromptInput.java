package io.herald.api.content;

import io.herald.core.content.prompt.PromptDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A new version of a named prompt template. */
@RegisterForReflection
@Schema(name = "PromptInput", description = "A new, immutable version of a named prompt template")
public record PromptInput(
        @Schema(required = true, description = "Lower-case name; creating it again adds a version", examples = "spring-winback",
                pattern = "[a-z0-9][a-z0-9\\-_.]{0,63}") String name,
        @Schema(required = true, maxLength = 20000, description = "System part: the model's role and rules. Placeholders {{goal}}, "
                + "{{product}}, {{ctaUrl}}, {{tone}}, {{language}}, {{brand}}, {{channel}}, {{network}}, {{variants}} are filled in by Herald",
                examples = "You are the copywriter of {{brand}}. Write in {{language}}, in a {{tone}} tone.") String system,
        @Schema(required = true, maxLength = 20000, description = "User part: the task. Recipient data is appended by Herald as delimited data",
                examples = "Write {{variants}} email(s) that bring lapsed customers back to {{product}}. Goal: {{goal}}") String user,
        @Schema(maxLength = 2000, description = "How the brand speaks", examples = "Warm, brief, no exclamation marks") String brandVoice,
        @Schema(description = "Contact fields this prompt may show the model; the tenant's modelFields limit them further",
                examples = "[\"locale\", \"attributes.firstName\", \"events\"]") List<String> profileFields,
        @Schema(maxLength = 500, description = "What the prompt is for", examples = "Spring win-back, v2 with shorter subject lines") String description) {

    PromptDraft toDraft() {
        return new PromptDraft(name, system, user, brandVoice, profileFields, description);
    }
}
