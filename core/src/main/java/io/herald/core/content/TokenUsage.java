package io.herald.core.content;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Tokens the model counted, summed over every call of one generation (a repair included). */
@RegisterForReflection
public record TokenUsage(int input, int output, int total) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output, total + other.total);
    }
}
