package io.herald.api.contact;

import io.herald.core.contact.ItemResult;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Per-item outcomes of a batch, with counts so a caller can tell at a glance whether to look closer. */
@RegisterForReflection
@Schema(name = "BatchResult")
public record BatchResult(
        @Schema(description = "Items stored for the first time") long created,
        @Schema(description = "Existing items updated") long updated,
        @Schema(description = "Items already stored under the same id, left as they were") long duplicate,
        @Schema(description = "Items refused; each result says why") long rejected,
        List<ItemResult> results) {

    public static BatchResult of(List<ItemResult> results) {
        return new BatchResult(count(results, "created"), count(results, "updated"), count(results, "duplicate"),
                count(results, "rejected"), results);
    }

    private static long count(List<ItemResult> results, String status) {
        return results.stream().filter(result -> status.equals(result.status())).count();
    }
}
