package io.herald.core.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.core.errors.HeraldException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opaque list cursors: DynamoDB's last evaluated key, base64url-encoded. A cursor is accepted only for the
 * partition it came from, so a cursor edited to point at another partition (another tenant's, say) is a 400,
 * never a read of someone else's items. Every key Herald writes is a string, so the key maps are too.
 */
final class Cursors {

    private static final TypeReference<TreeMap<String, String>> KEY_MAP = new TypeReference<>() {
    };

    private final ObjectMapper json;

    Cursors(ObjectMapper json) {
        this.json = json;
    }

    String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, String> strings = new TreeMap<>();
        lastEvaluatedKey.forEach((name, value) -> strings.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(strings));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot encode a cursor", e);
        }
    }

    /**
     * The start key for a query of the partition {@code partitionAttribute = partition} over {@code range} of
     * {@code sortAttribute}, or null for the first page. The key must name exactly the queried keys (the table's, and
     * the index's for an index) and lie in the range: anything else DynamoDB would refuse as a malformed request.
     */
    Map<String, AttributeValue> decode(String cursor, String partitionAttribute, String partition, String sortAttribute, KeyRange range) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Map<String, String> strings;
        try {
            strings = json.readValue(Base64.getUrlDecoder().decode(cursor), KEY_MAP);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
        if (strings == null || !partition.equals(strings.get(partitionAttribute))
                || !strings.keySet().equals(new java.util.HashSet<>(java.util.List.of(Keys.PK, Keys.SK, partitionAttribute, sortAttribute)))
                || strings.containsValue(null) || strings.containsValue("") || !range.contains(strings.get(sortAttribute))) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new TreeMap<>();
        strings.forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
        return key;
    }

    private static HeraldException invalid() {
        return HeraldException.invalid("cursor: not a cursor of this list (pass back the 'next' value of the previous page unchanged)");
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
