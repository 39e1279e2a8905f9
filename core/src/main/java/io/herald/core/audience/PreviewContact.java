package io.herald.core.audience;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a preview shows of one matching contact: enough to recognise it, no profile data. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreviewContact(String id, String email, String locale) {
}
