package io.herald.api.segment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which version to preview. */
@RegisterForReflection
@Schema(name = "PreviewInput", description = "Which version to count; the latest when absent")
public record PreviewInput(@Schema(minimum = "1", examples = "2") Integer version) {
}
