package dev.kilo.gateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.CatalogModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The models table: one item per {@code provider/model}, holding the model document as JSON. */
@ApplicationScoped
public class CatalogStore {

    private static final Logger LOG = Logger.getLogger(CatalogStore.class);
    static final String ID = "model_id";
    static final String DOCUMENT = "document";

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final ObjectMapper mapper;

    public CatalogStore(DynamoDbClient dynamo, Tables tables, ObjectMapper mapper) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.mapper = mapper;
    }

    public void put(CatalogModel model) {
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(tables.models()).item(Map.of(
                    ID, AttributeValue.fromS(model.id()),
                    "provider", AttributeValue.fromS(model.provider()),
                    DOCUMENT, AttributeValue.fromS(mapper.writeValueAsString(model)),
                    "updated_at", AttributeValue.fromS(Instant.now().toString()))).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Model " + model.id() + " cannot be serialized", e);
        }
    }

    /** Every model, skipping (and logging) items whose document cannot be read. */
    public List<CatalogModel> all() {
        return dynamo.scanPaginator(ScanRequest.builder().tableName(tables.models()).build()).items().stream()
                .map(this::from)
                .filter(model -> model != null)
                .toList();
    }

    private CatalogModel from(Map<String, AttributeValue> item) {
        try {
            return mapper.readValue(item.get(DOCUMENT).s(), CatalogModel.class);
        } catch (JsonProcessingException | NullPointerException e) {
            LOG.warnf("Skipping unreadable catalog item %s", item.get(ID));
            return null;
        }
    }
}
