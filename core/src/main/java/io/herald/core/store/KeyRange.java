package io.herald.core.store;

/**
 * Which sort keys of a partition a query reads: all of them, those with a prefix, or those up to a bound
 * (inclusive), such as "due at or before now" in an index sorted by time.
 */
public sealed interface KeyRange {

    static KeyRange all() {
        return new All();
    }

    static KeyRange prefix(String prefix) {
        return prefix.isEmpty() ? all() : new Prefix(prefix);
    }

    static KeyRange atMost(String bound) {
        return new AtMost(bound);
    }

    static KeyRange between(String from, String to) {
        return new Between(from, to);
    }

    record All() implements KeyRange {
    }

    record Prefix(String prefix) implements KeyRange {
    }

    record AtMost(String bound) implements KeyRange {
    }

    record Between(String from, String to) implements KeyRange {
    }
}
