package io.herald.core.store;

/**
 * Which sort keys of a partition a query reads: all of them, those with a prefix, or those up to a bound
 * (inclusive), such as "due at or before now" in an index sorted by time.
 */
public sealed interface KeyRange {

    /** Whether the sort key lies in the range, compared as DynamoDB compares strings: by their UTF-8 bytes. */
    default boolean contains(String sortKey) {
        if (this instanceof Prefix prefix) {
            return sortKey.startsWith(prefix.prefix());
        }
        if (this instanceof AtMost atMost) {
            return compare(sortKey, atMost.bound()) <= 0;
        }
        if (this instanceof Between between) {
            return compare(between.from(), sortKey) <= 0 && compare(sortKey, between.to()) <= 0;
        }
        return true;
    }

    private static int compare(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

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
