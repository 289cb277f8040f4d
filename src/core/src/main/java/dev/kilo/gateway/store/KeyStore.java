package dev.kilo.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.KeyLimits;
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

    static final String LIMITS = "limits";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final ObjectMapper mapper;

    public KeyStore(DynamoDbClient dynamo, Tables tables, ObjectMapper mapper) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.mapper = mapper;
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
        item.put(LIMITS, s(json(key.limits())));
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
                .map(this::from)
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

    /** Replaces the key's name and limits; returns false when no such key exists. */
    public boolean update(ApiKey key) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.keys())
                    .key(Map.of(HASH, s(key.hash())))
                    .updateExpression("SET #name = :name, #limits = :limits")
                    .conditionExpression("attribute_exists(" + HASH + ")")
                    .expressionAttributeNames(Map.of("#name", "name", "#limits", LIMITS))
                    .expressionAttributeValues(Map.of(":name", s(key.name()), ":limits", s(json(key.limits()))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private ApiKey from(Map<String, AttributeValue> item) {
        return new ApiKey(item.get(ID).s(), item.get(HASH).s(), text(item, "name"), text(item, "hint"),
                text(item, "role"), text(item, "status"), Instant.parse(text(item, "created_at")), limits(item));
    }

    private KeyLimits limits(Map<String, AttributeValue> item) {
        String json = text(item, LIMITS);
        if (json == null) {
            return KeyLimits.NONE;
        }
        try {
            return mapper.readValue(json, KeyLimits.class);
        } catch (JsonProcessingException e) {
            // Written only by this class; unreadable means a bug or a hand edit, and no limits would be unsafe.
            throw new IllegalStateException("Unreadable limits on key " + text(item, ID), e);
        }
    }

    private String json(KeyLimits limits) {
        try {
            return mapper.writeValueAsString(limits);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Key limits always serialize", e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
