package io.herald.core.store;

import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.time.Duration;

/**
 * The shape of Herald's one table. The local stack and the tests create it from here, and a test holds
 * {@code template.yaml} to the same key schema, so the three cannot drift apart.
 */
public final class TableDefinition {

    private TableDefinition() {
    }

    public static CreateTableRequest createRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        stringAttribute(Keys.PK), stringAttribute(Keys.SK),
                        stringAttribute(Keys.GSI1_PK), stringAttribute(Keys.GSI1_SK),
                        stringAttribute(Keys.GSI2_PK), stringAttribute(Keys.GSI2_SK),
                        stringAttribute(Keys.WALK_PK), stringAttribute(Keys.WALK_SK))
                .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                .globalSecondaryIndexes(index(Keys.GSI1), index(Keys.GSI2), index(Keys.WALK))
                .build();
    }

    /** Every index projects the whole item: list pages are read from the index alone, with no second GetItem each. */
    private static GlobalSecondaryIndex index(String name) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(key(Keys.indexPartitionKey(name), KeyType.HASH), key(Keys.indexSortKey(name), KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    /** Creates the table unless it exists, and waits until it is active. */
    public static void ensureTable(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.createTable(createRequest(tableName));
        } catch (ResourceInUseException alreadyThere) {
            // created by an earlier run: nothing to do but wait for it
        }
        // The default waiter sleeps 20 s between polls; a new table (dynalite's too) is active within a second or two.
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName),
                o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200))).waitTimeout(Duration.ofMinutes(2)));
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
