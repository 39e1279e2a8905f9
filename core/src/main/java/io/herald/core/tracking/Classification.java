package io.herald.core.tracking;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Whether a person or a machine (a privacy proxy, a link scanner, a prefetcher) caused an open or click, and why
 * Herald thinks so. Every stored event keeps it; only human engagement feeds rates and, later, the optimizer.
 *
 * @param audience human or machine
 * @param reason why, in words an operator can check ({@code provider flag sg_machine_open}, {@code HEAD request},
 *               {@code click 3 s after sending}); {@code no machine signal} for a human
 */
@RegisterForReflection
public record Classification(Audience audience, String reason) {

    /** Who caused an event. */
    public enum Audience {
        human, machine
    }

    public static Classification human() {
        return new Classification(Audience.human, "no machine signal");
    }

    public static Classification machine(String reason) {
        return new Classification(Audience.machine, reason);
    }

    /** Not a property: stored events are read back by the api, whose JSON refuses unknown fields. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isMachine() {
        return audience == Audience.machine;
    }
}
