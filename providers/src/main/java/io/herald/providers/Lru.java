package io.herald.providers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A small access-ordered map that drops (and hands to {@code onEvict}) its least recently used entry when full. */
final class Lru {

    private Lru() {
    }

    static <K, V> Map<K, V> map(int capacity, Consumer<V> onEvict) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > capacity) {
                    onEvict.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }
}
