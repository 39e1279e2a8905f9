package io.herald.core.store;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the opaque cursor of the next one.
 *
 * @param items this page, in the list's order
 * @param next the cursor to pass back for the next page, or null when this is the last
 */
@RegisterForReflection
public record Page<T>(List<T> items, String next) {

    public static <T> Page<T> empty() {
        return new Page<>(List.of(), null);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), next);
    }
}
