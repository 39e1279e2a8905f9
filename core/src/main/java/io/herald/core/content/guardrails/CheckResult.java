package io.herald.core.content.guardrails;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The outcome of one check on one generated variant.
 *
 * @param name which check ({@code links}, {@code placeholders}, {@code length}, {@code bannedPhrases}, {@code html}, ...)
 * @param passed whether the variant satisfies it
 * @param detail what was measured or what failed, in words a marketer can act on
 */
@RegisterForReflection
public record CheckResult(String name, boolean passed, String detail) {

    public static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    public static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }
}
