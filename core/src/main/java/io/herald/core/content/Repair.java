package io.herald.core.content;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Whether the model's first answer failed a check and got its one repair attempt.
 *
 * @param attempted a second call was made, telling the model what failed
 * @param succeeded the repaired answer passed every check
 * @param failedChecks the names of the checks the first answer failed
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Repair(boolean attempted, boolean succeeded, List<String> failedChecks) {

    public static final Repair NONE = new Repair(false, false, null);
}
