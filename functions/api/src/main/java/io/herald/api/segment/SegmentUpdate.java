package io.herald.api.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.audience.SegmentDraft;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The next version of a segment; the id is the path's. */
@RegisterForReflection
@Schema(name = "SegmentUpdate", description = "The next version of a segment: earlier versions stay as they were")
public record SegmentUpdate(
        @Schema(required = true, maxLength = 200, examples = "Viewed TEA-42 this week, did not buy") String name,
        @Schema(required = true, type = SchemaType.OBJECT, description = SegmentDocs.RULE, examples = SegmentDocs.RULE_EXAMPLE) JsonNode rule) {

    SegmentDraft toDraft(String id) {
        return new SegmentDraft(id, name, rule);
    }
}
