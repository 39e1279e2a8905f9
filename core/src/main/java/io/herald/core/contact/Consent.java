package io.herald.core.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * Consent for one channel.
 *
 * @param status {@code granted}, {@code denied} or {@code unknown}
 * @param updatedAt when the person gave or withdrew it (defaults to when Herald heard of it)
 * @param source where it was collected, for the audit trail (a form, an import, ...)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Consent(Status status, Instant updatedAt, String source) {

    /** The state of a person's consent on one channel. */
    public enum Status {
        granted, denied, unknown
    }
}
