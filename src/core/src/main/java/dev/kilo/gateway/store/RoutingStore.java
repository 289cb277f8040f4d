package dev.kilo.gateway.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.routing.RoutingPolicy.Document;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The routing table: the compiled policy ({@code #policy}: gzip JSON, a version that moves only when the content
 * does), decision records ({@code route#<request id>}) and session pins ({@code session#<key>}), the last two
 * expiring through TTL on {@code expires_at}.
 */
@ApplicationScoped
public class RoutingStore {

    static final String ID = "id";
    static final String POLICY_ID = "#policy";
    static final String HASH = "content_hash";
    static final String EXPIRES = "expires_at";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final ObjectMapper mapper;

    public RoutingStore(DynamoDbClient dynamo, Tables tables, ObjectMapper mapper) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.mapper = mapper;
    }

    /** A stored decision and the key that asked for it (only that key, or an admin, may read it). */
    public record StoredDecision(String requestId, String keyId, String json, Instant createdAt) {
    }

    /** The stored policy's version, 0 when none is stored: one small consistent read. */
    public long policyVersion() {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.routing())
                .key(Map.of(ID, s(POLICY_ID))).projectionExpression("version").consistentRead(true).build()).item();
        return item == null || !item.containsKey("version") ? 0 : Long.parseLong(item.get("version").n());
    }

    /** The stored policy with its version, if any. */
    public Optional<Document> loadPolicy() {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.routing())
                .key(Map.of(ID, s(POLICY_ID))).consistentRead(true).build()).item();
        if (item == null || !item.containsKey("document")) {
            return Optional.empty();
        }
        try {
            Document document = mapper.readValue(gunzip(item.get("document").b().asByteArray()), Document.class);
            return Optional.of(document.withVersion(Long.parseLong(item.get("version").n())));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable routing policy", e);
        }
    }

    /**
     * Stores the policy unless the stored one has the same content hash; the version goes up by one per change, so
     * two compilers reaching the same policy bump it once. Returns the version stored afterwards.
     */
    public long publishPolicy(Document document, String hash, Instant now) {
        byte[] body;
        try {
            body = gzip(mapper.writeValueAsBytes(document.withVersion(0)));
        } catch (IOException e) {
            throw new UncheckedIOException("Routing policy not serializable", e);
        }
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.routing()).key(Map.of(ID, s(POLICY_ID)))
                    .updateExpression("SET version = if_not_exists(version, :zero) + :one, #hash = :hash, "
                            + "document = :doc, catalog_version = :catalog, updated_at = :now")
                    .conditionExpression("attribute_not_exists(#hash) OR #hash <> :hash")
                    .expressionAttributeNames(Map.of("#hash", HASH))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":hash", s(hash),
                            ":doc", AttributeValue.fromB(SdkBytes.fromByteArray(body)),
                            ":catalog", n(document.catalogVersion()), ":now", s(now.toString())))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Same content already stored: keep its version.
        }
        return policyVersion();
    }

    public void putDecision(String requestId, String keyId, String json, Instant now, Instant expires) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s("route#" + requestId));
        item.put("key_id", s(keyId == null ? "" : keyId));
        item.put("decision", s(json));
        item.put("created_at", s(now.toString()));
        item.put(EXPIRES, n(expires.getEpochSecond()));
        dynamo.putItem(PutItemRequest.builder().tableName(tables.routing()).item(item).build());
    }

    /** The decision record of a request; expired records DynamoDB has not deleted yet are not returned. */
    public Optional<StoredDecision> findDecision(String requestId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.routing())
                .key(Map.of(ID, s("route#" + requestId))).build()).item();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(new StoredDecision(requestId, item.get("key_id").s(), item.get("decision").s(),
                Instant.parse(item.get("created_at").s())));
    }

    public void putSession(String sessionKey, String model, Instant expires) {
        dynamo.putItem(PutItemRequest.builder().tableName(tables.routing()).item(Map.of(
                ID, s("session#" + sessionKey), "model_id", s(model), EXPIRES, n(expires.getEpochSecond())))
                .build());
    }

    public Optional<String> findSession(String sessionKey, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.routing())
                .key(Map.of(ID, s("session#" + sessionKey))).build()).item();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(item.get("model_id").s());
    }

    /** DynamoDB deletes expired items within days, not at once (and DynamoDB Local never): check ourselves. */
    private static boolean expired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expires = item.get(EXPIRES);
        return expires != null && Long.parseLong(expires.n()) < now.getEpochSecond();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
