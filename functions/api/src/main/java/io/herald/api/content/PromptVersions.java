package io.herald.api.content;

import io.herald.core.content.prompt.Prompt;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of a prompt's versions, oldest first. */
@RegisterForReflection
@Schema(name = "PromptVersions")
public record PromptVersions(
        @Schema(examples = "spring-winback") String name,
        @Schema(description = "The highest version number", examples = "2") int latest,
        @Schema(description = "This page of versions, oldest first") List<Prompt> versions,
        @Schema(description = "Cursor of the next page (pass it as ?cursor=), or null on the last page", nullable = true) String next) {
}
