package dev.kilo.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.CatalogModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The models table: one item per {@code provider/model} holding the model document as JSON with its content hash,
 * status ({@code active} or {@code gone}) and times, plus one {@code #catalog} item holding the catalog version.
 * Writes are conditional on content, so concurrent refreshes converge instead of overwriting each other blindly,
 * and an unchanged model costs no write.
 */
@ApplicationScoped
public class CatalogStore {

    private static final Logger LOG = Logger.getLogger(CatalogStore.class);
    static final String ID = "model_id";
    static final String DOCUMENT = "document";
    static final String HASH = "content_hash";
    static final String STATUS = "status";
    static final String META_ID = "#catalog";
    public static final String ACTIVE = "active";
    public static final String GONE = "gone";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final ObjectMapper mapper;

    public CatalogStore(DynamoDbClient dynamo, Tables tables, ObjectMapper mapper) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.mapper = mapper;
    }

    /**
     * A stored model.
     *
     * @param goneSince when discovery last failed to find it; null while active
     */
    public record StoredModel(CatalogModel model, String hash, String status, String source, Instant goneSince) {

        public boolean active() {
            return ACTIVE.equals(status);
        }
    }

    /** The catalog's version and content hash; version 0 before the first write. */
    public record CatalogVersion(long version, String hash) {
    }

    /** The document as stored, and its hash, which is what "changed" means. */
    public String json(CatalogModel model) {
        try {
            return mapper.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Model " + model.id() + " cannot be serialized", e);
        }
    }

    /**
     * Writes the model as active unless the stored item already holds the same content and is active.
     *
     * @return whether a write happened
     */
    public boolean putIfChanged(CatalogModel model, String hash, String source, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(model.id()));
        item.put("provider", s(model.provider()));
        item.put(DOCUMENT, s(json(model)));
        item.put(HASH, s(hash));
        item.put(STATUS, s(ACTIVE));
        item.put("source", s(source));
        item.put("updated_at", s(now.toString()));
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(tables.models()).item(item)
                    .conditionExpression("attribute_not_exists(#id) OR #hash <> :hash OR #status <> :active")
                    .expressionAttributeNames(Map.of("#id", ID, "#hash", HASH, "#status", STATUS))
                    .expressionAttributeValues(Map.of(":hash", s(hash), ":active", s(ACTIVE)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Marks an active model gone (it stays listed for the grace period); false if it was not active. */
    public boolean markGone(String id, Instant now) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.models()).key(Map.of(ID, s(id)))
                    .updateExpression("SET #status = :gone, gone_since = :now")
                    .conditionExpression("#status = :active")
                    .expressionAttributeNames(Map.of("#status", STATUS))
                    .expressionAttributeValues(Map.of(":gone", s(GONE), ":now", s(now.toString()),
                            ":active", s(ACTIVE)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every stored model (active and gone), skipping (and logging) unreadable items. */
    public List<StoredModel> all() {
        return dynamo.scanPaginator(ScanRequest.builder().tableName(tables.models()).build()).items().stream()
                .filter(item -> !META_ID.equals(item.get(ID).s()))
                .map(this::from)
                .filter(Objects::nonNull)
                .toList();
    }

    public CatalogVersion version() {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.models())
                .key(Map.of(ID, s(META_ID))).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return new CatalogVersion(0, null);
        }
        return new CatalogVersion(Long.parseLong(item.get("version").n()), item.get(HASH).s());
    }

    /**
     * Records the catalog's content hash and the last refresh report; the version goes up only when the hash
     * changes, so readers reload only when there is something new. Two refreshes that reach the same content bump
     * it once.
     */
    public CatalogVersion publish(String hash, String reportJson, Instant now) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.models()).key(Map.of(ID, s(META_ID)))
                    .updateExpression("SET version = if_not_exists(version, :zero) + :one, #hash = :hash, "
                            + "updated_at = :now, last_report = :report")
                    .conditionExpression("attribute_not_exists(#hash) OR #hash <> :hash")
                    .expressionAttributeNames(Map.of("#hash", HASH))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":hash", s(hash),
                            ":now", s(now.toString()), ":report", s(reportJson)))
                    .build());
        } catch (ConditionalCheckFailedException e) {
            // Same content: keep the version, still record this run's report.
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.models()).key(Map.of(ID, s(META_ID)))
                    .updateExpression("SET last_report = :report, updated_at = :now")
                    .expressionAttributeValues(Map.of(":report", s(reportJson), ":now", s(now.toString())))
                    .build());
        }
        return version();
    }

    /** The report of the last refresh, as JSON, or null. */
    public String lastReport() {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(tables.models())
                .key(Map.of(ID, s(META_ID))).build()).item();
        return item == null || !item.containsKey("last_report") ? null : item.get("last_report").s();
    }

    private StoredModel from(Map<String, AttributeValue> item) {
        try {
            CatalogModel model = mapper.readValue(item.get(DOCUMENT).s(), CatalogModel.class);
            AttributeValue gone = item.get("gone_since");
            return new StoredModel(model, text(item, HASH), item.containsKey(STATUS) ? text(item, STATUS) : ACTIVE,
                    text(item, "source"), gone == null ? null : Instant.parse(gone.s()));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Skipping unreadable catalog item %s", item.get(ID));
            return null;
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
