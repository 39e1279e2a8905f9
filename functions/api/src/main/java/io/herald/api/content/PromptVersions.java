package io.herald.api.content;

import io.herald.core.content.prompt.Prompt;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Every version of one prompt, oldest first. */
@RegisterForReflection
@Schema(name = "PromptVersions")
public record PromptVersions(
        @Schema(examples = "spring-winback") String name,
        @Schema(description = "The highest version number", examples = "2") int latest,
        @Schema(description = "Every version, oldest first") List<Prompt> versions) {
}
