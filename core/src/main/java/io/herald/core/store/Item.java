package io.herald.core.store;

import java.util.Map;

/**
 * One stored document: its keys, the JSON of its record, and any extra key attributes an index needs.
 *
 * @param pk partition key (always starts with the tenant)
 * @param sk sort key
 * @param doc the record, serialized as JSON by {@link Store}
 * @param extra extra string attributes such as GSI keys; number attributes go in {@code expiresAt}
 * @param expiresAt epoch seconds for DynamoDB TTL, or null to keep the item
 */
public record Item(String pk, String sk, Object doc, Map<String, String> extra, Long expiresAt) {

    public static Item of(String pk, String sk, Object doc) {
        return new Item(pk, sk, doc, Map.of(), null);
    }

    public Item withIndex(String gsiPk, String gsiSk) {
        return new Item(pk, sk, doc, Map.of(Keys.GSI1_PK, gsiPk, Keys.GSI1_SK, gsiSk), expiresAt);
    }
}
