package io.herald.core.store;

import java.util.Map;

/**
 * A stored item as found through an index: its table keys (to change it with one conditional write), its document,
 * and the native attributes DynamoDB holds beside the document (claims, first times, counters).
 *
 * @param pk the table partition key
 * @param sk the table sort key
 * @param doc the record
 * @param strings the native string attributes, index keys included
 * @param numbers the native number attributes
 */
public record Found<T>(String pk, String sk, T doc, Map<String, String> strings, Map<String, Long> numbers) {

    public Found {
        strings = Map.copyOf(strings);
        numbers = Map.copyOf(numbers);
    }
}
