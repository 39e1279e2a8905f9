package io.herald.api.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.audience.SegmentDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new segment (version 1). */
@RegisterForReflection
@Schema(name = "SegmentInput", description = "A new segment: its version 1")
public record SegmentInput(
        @Schema(description = "Your own id for the segment (Herald assigns one if absent); letters, digits, '-' or '_'",
                maxLength = 64, pattern = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}", examples = "tea-viewers") String id,
        @Schema(required = true, maxLength = 200, examples = "Viewed TEA-42 this week, did not buy") String name,
        @Schema(required = true, type = SchemaType.OBJECT, description = SegmentDocs.RULE, examples = SegmentDocs.RULE_EXAMPLE) JsonNode rule) {

    SegmentDraft toDraft() {
        return new SegmentDraft(id, name, rule);
    }
}
