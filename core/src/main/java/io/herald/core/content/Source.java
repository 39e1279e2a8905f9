package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who wrote the content: the model, or the deterministic template composer. */
@RegisterForReflection
public enum Source {
    llm, template
}
