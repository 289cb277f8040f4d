package dev.kilo.gateway.store;

import dev.kilo.gateway.auth.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The keys table. Items are keyed by the secret's hash; the key_id-index finds them by public id. */
@ApplicationScoped
public class KeyStore {

    static final String HASH = "key_hash";
    static final String ID = "key_id";
    static final String ID_INDEX = "key_id-index";

    private final DynamoDbClient dynamo;
    private final Tables tables;

    public KeyStore(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /** Stores a new key; fails if the hash exists already (a collision of 256-bit secrets means a bug). */
    public void create(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(HASH, s(key.hash()));
        item.put(ID, s(key.id()));
        item.put("name", s(key.name()));
        item.put("hint", s(key.hint()));
        item.put("role", s(key.role()));
        item.put("status", s(key.status()));
        item.put("created_at", s(key.createdAt().toString()));
        dynamo.putItem(PutItemRequest.builder().tableName(tables.keys()).item(item)
                .conditionExpression("attribute_not_exists(" + HASH + ")").build());
    }

    /** The key with this hash, read consistently so a key works the moment it is created. */
    public Optional<ApiKey> findByHash(String hash) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.keys())
                .key(Map.of(HASH, s(hash))).consistentRead(true).build()).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(from(item));
    }

    public Optional<ApiKey> findById(String id) {
        List<Map<String, AttributeValue>> items = dynamo.query(QueryRequest.builder().tableName(tables.keys())
                .indexName(ID_INDEX).keyConditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", ID))
                .expressionAttributeValues(Map.of(":id", s(id))).build()).items();
        return items.isEmpty() ? Optional.empty() : Optional.of(from(items.get(0)));
    }

    public List<ApiKey> list() {
        return dynamo.scanPaginator(ScanRequest.builder().tableName(tables.keys()).build()).items().stream()
                .map(KeyStore::from)
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt()))
                .toList();
    }

    /** Marks the key revoked; returns false when no such key exists. */
    public boolean revoke(ApiKey key) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.keys())
                    .key(Map.of(HASH, s(key.hash())))
                    .updateExpression("SET #status = :revoked")
                    .conditionExpression("attribute_exists(" + HASH + ")")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":revoked", s(ApiKey.REVOKED))).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    static ApiKey from(Map<String, AttributeValue> item) {
        return new ApiKey(item.get(ID).s(), item.get(HASH).s(), text(item, "name"), text(item, "hint"),
                text(item, "role"), text(item, "status"), Instant.parse(text(item, "created_at")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
