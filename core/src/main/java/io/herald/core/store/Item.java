package io.herald.core.store;

import java.util.HashMap;
import java.util.Map;

/**
 * One stored document: its keys, the JSON of its record, and the native attributes DynamoDB must see.
 *
 * @param pk partition key (always starts with the tenant, except the planner's due index: see {@link Keys})
 * @param sk sort key
 * @param doc the record, serialized as JSON by {@link Store}
 * @param extra native string attributes: index keys ({@link Keys#GSI1_PK}, ...), a status a condition tests
 * @param numbers native number attributes: counters, epoch times a condition or an index compares
 * @param expiresAt epoch seconds for DynamoDB TTL, or null to keep the item
 */
public record Item(String pk, String sk, Object doc, Map<String, String> extra, Map<String, Long> numbers, Long expiresAt) {

    public Item {
        extra = Map.copyOf(extra);
        numbers = Map.copyOf(numbers);
    }

    public static Item of(String pk, String sk, Object doc) {
        return new Item(pk, sk, doc, Map.of(), Map.of(), null);
    }

    /** Puts the item into {@code gsi1} under the given keys. */
    public Item withIndex(String gsiPk, String gsiSk) {
        return withAttribute(Keys.GSI1_PK, gsiPk).withAttribute(Keys.GSI1_SK, gsiSk);
    }

    /** Puts the item into {@code gsi2} under the given keys: an item may sit in both indexes. */
    public Item withIndex2(String gsiPk, String gsiSk) {
        return withAttribute(Keys.GSI2_PK, gsiPk).withAttribute(Keys.GSI2_SK, gsiSk);
    }

    /** Puts a contact's profile into the tenant's sparse walk index, in the shard its id hashes to. */
    public Item withWalk(String tenantId, String contactId) {
        return withAttribute(Keys.WALK_PK, Keys.walkPartition(tenantId, Keys.walkShard(contactId))).withAttribute(Keys.WALK_SK, contactId);
    }

    public Item withAttribute(String name, String value) {
        Map<String, String> more = new HashMap<>(extra);
        more.put(name, value);
        return new Item(pk, sk, doc, more, numbers, expiresAt);
    }

    public Item withNumber(String name, long value) {
        Map<String, Long> more = new HashMap<>(numbers);
        more.put(name, value);
        return new Item(pk, sk, doc, extra, more, expiresAt);
    }

    public Item expiringAt(Long epochSeconds) {
        return new Item(pk, sk, doc, extra, numbers, epochSeconds);
    }
}
