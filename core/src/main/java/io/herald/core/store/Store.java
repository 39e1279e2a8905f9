package io.herald.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Table access for every capability. Records are stored as JSON in one attribute ({@code doc}) beside
 * their keys: the schema lives in the Java records, DynamoDB sees generic items, and native builds need
 * no bean introspection. There are no transactions (the local emulator has none): callers make each
 * step idempotent with the conditional writes offered here.
 */
@ApplicationScoped
public class Store {

    static final String DOC = "doc";
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;

    private final DynamoDbClient dynamoDb;
    private final ObjectMapper json;
    private final String table;
    private final Cursors cursors;

    public Store(DynamoDbClient dynamoDb, ObjectMapper json, StoreConfig config) {
        this.dynamoDb = dynamoDb;
        this.json = json;
        this.table = config.table();
        this.cursors = new Cursors(json);
    }

    public <T> Optional<T> get(String pk, String sk, Class<T> type) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(read(item, type));
    }

    /** The document with the exact stored JSON, for a later {@link #replaceIfUnchanged}. */
    public <T> Optional<Versioned<T>> getVersioned(String pk, String sk, Class<T> type) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new Versioned<>(read(item, type), item.get(DOC).s()));
    }

    /**
     * Optimistic concurrency without a version attribute: replaces the item only if its document is still
     * the one read, so two concurrent read-merge-writes cannot silently lose one merge.
     */
    public boolean replaceIfUnchanged(Item item, Versioned<?> read) {
        try {
            dynamoDb.putItem(putRequest(item).conditionExpression("#doc = :read")
                    .expressionAttributeNames(Map.of("#doc", DOC))
                    .expressionAttributeValues(Map.of(":read", AttributeValue.fromS(read.json()))).build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** Writes the item, replacing whatever had its keys. */
    public void put(Item item) {
        dynamoDb.putItem(putRequest(item).build());
    }

    /** Writes the item only if nothing has its keys yet; answers whether it was written. */
    public boolean putIfAbsent(Item item) {
        try {
            dynamoDb.putItem(putRequest(item).conditionExpression("attribute_not_exists(" + Keys.PK + ")").build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** Items of one partition whose sort key starts with the prefix, oldest first unless {@code newestFirst}. */
    public <T> List<T> query(String pk, String skPrefix, Class<T> type, int limit, boolean newestFirst) {
        List<T> found = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryItems(pk, skPrefix, limit, newestFirst)) {
            found.add(read(item, type));
        }
        return found;
    }

    /** Documents from the GSI, for look-ups by an alternative key such as a contact's email. */
    public <T> List<T> queryIndex(String gsiPk, Class<T> type, int limit) {
        QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", Keys.GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsiPk)))
                .limit(limit).build());
        return response.items().stream().map(item -> read(item, type)).toList();
    }

    /**
     * The first item of an index partition with its table keys and native attributes (indexes project every
     * attribute): what a caller needs to update the item it found, and to read what DynamoDB keeps beside the doc.
     */
    public <T> Optional<Found<T>> firstInIndex(String index, String indexPk, Class<T> type) {
        String pkName = Keys.indexPartitionKey(index);
        QueryResponse response = dynamoDb.query(QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", pkName))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(indexPk)))
                .limit(1).build());
        return response.items().stream().findFirst().map(item -> found(item, type));
    }

    /** The item with its keys and native attributes, read consistently; empty when there is none. */
    public <T> Optional<Found<T>> getFound(String pk, String sk, Class<T> type) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(found(item, type));
    }

    private <T> Found<T> found(Map<String, AttributeValue> item, Class<T> type) {
        Map<String, String> strings = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.s() != null && !name.equals(DOC)) {
                strings.put(name, value.s());
            }
        });
        return new Found<>(item.get(Keys.PK).s(), item.get(Keys.SK).s(), read(item, type), strings, numbersOf(item));
    }

    /** Every item of one partition, as raw attribute maps (used by erasure and export). */
    public List<Map<String, AttributeValue>> partition(String pk) {
        return queryItems(pk, "", Integer.MAX_VALUE, false);
    }

    /**
     * One page of a partition's items in the range, oldest (lowest sort key) first unless {@code newestFirst}.
     * The cursor is the previous page's {@link Page#next()}; one bound to another partition is refused.
     */
    public <T> Page<T> page(String pk, KeyRange range, Class<T> type, String cursor, int limit, boolean newestFirst) {
        return pageOf(null, Keys.PK, Keys.SK, pk, range, type, cursor, limit, newestFirst);
    }

    /** One page of an index partition ({@link Keys#GSI1}, {@link Keys#GSI2} or {@link Keys#WALK}), in sort-key order. */
    public <T> Page<T> pageIndex(String index, String indexPk, KeyRange range, Class<T> type, String cursor, int limit, boolean newestFirst) {
        return pageOf(index, Keys.indexPartitionKey(index), Keys.indexSortKey(index), indexPk, range, type, cursor, limit, newestFirst);
    }

    private <T> Page<T> pageOf(String index, String pkName, String skName, String pk, KeyRange range, Class<T> type,
            String cursor, int limit, boolean newestFirst) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        Map<String, String> names = new HashMap<>(Map.of("#pk", pkName));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk)));
        String condition = "#pk = :pk" + rangeCondition(range, skName, names, values);
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).scanIndexForward(!newestFirst)
                .keyConditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(values)
                .limit(limit);
        if (index == null) {
            request.consistentRead(true);
        } else {
            request.indexName(index);
        }
        Map<String, AttributeValue> start = cursors.decode(cursor, pkName, pk, skName, range);
        if (start != null) {
            request.exclusiveStartKey(start);
        }
        QueryResponse response = dynamoDb.query(request.build());
        List<T> items = response.items().stream().map(item -> read(item, type)).toList();
        String next = response.hasLastEvaluatedKey() ? cursors.encode(response.lastEvaluatedKey()) : null;
        return new Page<>(items, next);
    }

    private static String rangeCondition(KeyRange range, String skName, Map<String, String> names, Map<String, AttributeValue> values) {
        if (range instanceof KeyRange.All) {
            return "";
        }
        names.put("#sk", skName);
        if (range instanceof KeyRange.Prefix prefix) {
            values.put(":a", AttributeValue.fromS(prefix.prefix()));
            return " AND begins_with(#sk, :a)";
        }
        if (range instanceof KeyRange.AtMost atMost) {
            values.put(":a", AttributeValue.fromS(atMost.bound()));
            return " AND #sk <= :a";
        }
        KeyRange.Between between = (KeyRange.Between) range;
        values.put(":a", AttributeValue.fromS(between.from()));
        values.put(":b", AttributeValue.fromS(between.to()));
        return " AND #sk BETWEEN :a AND :b";
    }

    /**
     * Adds to native number attributes with UpdateItem ADD: atomic under concurrency, creating the item and the
     * attributes at 0 when missing. Answers the values after the addition.
     */
    public Map<String, Long> add(String pk, String sk, Map<String, Long> deltas) {
        Optional<Map<String, Long>> after = update(pk, sk, Update.of().add(deltas));
        return after.orElseThrow();
    }

    /** The native number attributes of an item (empty when there is no item). */
    public Map<String, Long> numbers(String pk, String sk) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
        return item == null ? Map.of() : numbersOf(item);
    }

    /** The native string attribute of an item, such as its status, read consistently. */
    public Optional<String> attribute(String pk, String sk, String name) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)
                .projectionExpression("#a").expressionAttributeNames(Map.of("#a", name))).item();
        return item == null || !item.containsKey(name) ? Optional.empty() : Optional.ofNullable(item.get(name).s());
    }

    /**
     * Applies the update in one UpdateItem. Answers the item's number attributes after it, or empty when its
     * condition did not hold (nothing was changed then).
     */
    public Optional<Map<String, Long>> update(String pk, String sk, Update update) {
        if (update.isEmpty()) {
            throw new IllegalArgumentException("an update must change something");
        }
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        int n = 0;
        if (update.doc != null) {
            names.put("#doc", DOC);
            values.put(":doc", AttributeValue.fromS(write(update.doc)));
            sets.add("#doc = :doc");
        }
        for (Map.Entry<String, String> e : update.setStrings.entrySet()) {
            names.put("#s" + n, e.getKey());
            values.put(":s" + n, AttributeValue.fromS(e.getValue()));
            sets.add("#s" + n + " = :s" + n++);
        }
        for (Map.Entry<String, Long> e : update.setNumbers.entrySet()) {
            names.put("#s" + n, e.getKey());
            values.put(":s" + n, AttributeValue.fromN(Long.toString(e.getValue())));
            sets.add("#s" + n + " = :s" + n++);
        }
        for (Map.Entry<String, Long> e : update.add.entrySet()) {
            names.put("#a" + n, e.getKey());
            values.put(":a" + n, AttributeValue.fromN(Long.toString(e.getValue())));
            adds.add("#a" + n + " :a" + n++);
        }
        for (String attribute : update.remove) {
            names.put("#r" + n, attribute);
            removes.add("#r" + n++);
        }
        List<String> conditions = new ArrayList<>();
        if (update.expectExists) {
            names.put("#pk", Keys.PK);
            conditions.add("attribute_exists(#pk)");
        }
        for (Map.Entry<String, String> e : update.expectStrings.entrySet()) {
            names.put("#c" + n, e.getKey());
            values.put(":c" + n, AttributeValue.fromS(e.getValue()));
            conditions.add("#c" + n + " = :c" + n++);
        }
        for (String attribute : update.expectAbsent) {
            names.put("#c" + n, attribute);
            conditions.add("attribute_not_exists(#c" + n++ + ")");
        }
        for (Map.Entry<String, String> e : update.expectAbsentOrEquals.entrySet()) {
            names.put("#c" + n, e.getKey());
            values.put(":c" + n, AttributeValue.fromS(e.getValue()));
            conditions.add("(attribute_not_exists(#c" + n + ") OR #c" + n + " = :c" + n++ + ")");
        }
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets)).append(' ');
        }
        if (!adds.isEmpty()) {
            expression.append("ADD ").append(String.join(", ", adds)).append(' ');
        }
        if (!removes.isEmpty()) {
            expression.append("REMOVE ").append(String.join(", ", removes));
        }
        UpdateItemRequest.Builder request = UpdateItemRequest.builder().tableName(table).key(key(pk, sk))
                .updateExpression(expression.toString().trim()).expressionAttributeNames(names)
                .returnValues(ReturnValue.ALL_NEW);
        if (!values.isEmpty()) {
            request.expressionAttributeValues(values);
        }
        if (!conditions.isEmpty()) {
            request.conditionExpression(String.join(" AND ", conditions));
        }
        try {
            return Optional.of(numbersOf(dynamoDb.updateItem(request.build()).attributes()));
        } catch (ConditionalCheckFailedException conditionFailed) {
            return Optional.empty();
        }
    }

    /** Replaces the item only if its string attribute still has the expected value (a state transition). */
    public boolean replaceIfAttribute(Item item, String attribute, String expected) {
        try {
            dynamoDb.putItem(putRequest(item).conditionExpression("#a = :expected")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":expected", AttributeValue.fromS(expected))).build());
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** The native number attributes of every item in the range, in one consistent query (counter shards). */
    public List<Map<String, Long>> numbersInRange(String pk, KeyRange range) {
        return new ArrayList<>(numbersBySortKey(pk, range).values());
    }

    /**
     * The native number attributes of every item in the range by sort key, in sort-key order, in one consistent query
     * (paged by DynamoDB's 1 MB): counter items whose sort key says what they count (an hour, a variant, a shard).
     */
    public Map<String, Map<String, Long>> numbersBySortKey(String pk, KeyRange range) {
        Map<String, Map<String, Long>> found = new java.util.LinkedHashMap<>();
        String cursor = null;
        do {
            Map<String, String> names = new HashMap<>(Map.of("#pk", Keys.PK));
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(pk)));
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk" + rangeCondition(range, Keys.SK, names, values))
                    .expressionAttributeNames(names).expressionAttributeValues(values);
            Map<String, AttributeValue> start = cursors.decode(cursor, Keys.PK, pk, Keys.SK, range);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamoDb.query(request.build());
            response.items().forEach(item -> found.put(item.get(Keys.SK).s(), numbersOf(item)));
            cursor = response.hasLastEvaluatedKey() ? cursors.encode(response.lastEvaluatedKey()) : null;
        } while (cursor != null);
        return found;
    }

    private static Map<String, Long> numbersOf(Map<String, AttributeValue> item) {
        Map<String, Long> numbers = new HashMap<>();
        item.forEach((name, value) -> {
            if (value.n() != null) {
                numbers.put(name, Long.parseLong(value.n()));
            }
        });
        return numbers;
    }

    public <T> T read(Map<String, AttributeValue> item, Class<T> type) {
        try {
            return json.readValue(item.get(DOC).s(), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored item " + item.get(Keys.PK).s() + " is not readable as " + type.getSimpleName(), e);
        }
    }

    public void delete(String pk, String sk) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(pk, sk)));
    }

    /** Deletes items by key, 25 to a batch, retrying what DynamoDB leaves unprocessed with a growing pause. */
    public void deleteAll(List<Map<String, AttributeValue>> items) {
        for (int start = 0; start < items.size(); start += BATCH_WRITE_LIMIT) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(start, Math.min(items.size(), start + BATCH_WRITE_LIMIT))) {
                batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                        .key(Map.of(Keys.PK, item.get(Keys.PK), Keys.SK, item.get(Keys.SK))).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            for (int attempt = 0; !pending.getOrDefault(table, List.of()).isEmpty(); attempt++) {
                if (attempt == MAX_BATCH_ATTEMPTS) {
                    throw SdkClientException.create("DynamoDB left " + pending.get(table).size() + " deletes unprocessed after " + attempt + " attempts");
                }
                pause(attempt);
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(request));
                pending = response.unprocessedItems();
            }
        }
    }

    /** Unprocessed items mean DynamoDB is throttling: back off exponentially (50 ms, 100 ms, ...) before resending. */
    private static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        try {
            Thread.sleep(50L << Math.min(attempt - 1, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while retrying a batch write", e);
        }
    }

    private List<Map<String, AttributeValue>> queryItems(String pk, String skPrefix, int limit, boolean newestFirst) {
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true).scanIndexForward(!newestFirst);
            if (skPrefix.isEmpty()) {
                request.keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
            } else {
                request.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)));
            }
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            request.limit(Math.min(limit - found.size(), 1000));
            QueryResponse response = dynamoDb.query(request.build());
            found.addAll(response.items());
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (startKey != null && found.size() < limit);
        return found;
    }

    private PutItemRequest.Builder putRequest(Item item) {
        Map<String, AttributeValue> attributes = new HashMap<>(key(item.pk(), item.sk()));
        attributes.put(DOC, AttributeValue.fromS(write(item.doc())));
        item.extra().forEach((name, value) -> attributes.put(name, AttributeValue.fromS(value)));
        item.numbers().forEach((name, value) -> attributes.put(name, AttributeValue.fromN(Long.toString(value))));
        if (item.expiresAt() != null) {
            attributes.put(Keys.EXPIRES_AT, AttributeValue.fromN(Long.toString(item.expiresAt())));
        }
        return PutItemRequest.builder().tableName(table).item(attributes);
    }

    private String write(Object doc) {
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize " + doc.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }
}
