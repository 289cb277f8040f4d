package dev.kilo.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;

/**
 * A table as defined in {@code infra/dynamodb/tables/*.json}, the single definition that the local server, the
 * tests and Terraform all read. The JSON uses the CreateTable API's field names. {@code TimeToLiveSpecification} and
 * {@code StreamSpecification} are for Terraform only: tables created here (DynamoDB Local) get neither, since
 * nothing local depends on items expiring or on a stream.
 */
public record TableDefinition(String name, JsonNode json) {

    /** Reads the definition of the table named {@code name} (without prefix) from the classpath. */
    public static TableDefinition load(String name, ObjectMapper mapper) {
        String resource = "/dynamodb-tables/" + name + ".json";
        try (InputStream in = TableDefinition.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing table definition " + resource);
            }
            return new TableDefinition(name, mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable table definition " + resource, e);
        }
    }

    /** The CreateTable request for this table under its full (prefixed) name, billed on demand. */
    public CreateTableRequest toCreateRequest(String fullName) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : json.path("AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText())
                    .build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (JsonNode index : json.path("GlobalSecondaryIndexes")) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.path("IndexName").asText())
                    .keySchema(keySchema(index.path("KeySchema")))
                    .projection(Projection.builder()
                            .projectionType(index.path("Projection").path("ProjectionType").asText("ALL"))
                            .build())
                    .build());
        }
        CreateTableRequest.Builder builder = CreateTableRequest.builder()
                .tableName(fullName)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(json.path("KeySchema")))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (!indexes.isEmpty()) {
            builder.globalSecondaryIndexes(indexes);
        }
        return builder.build();
    }

    /**
     * The attribute DynamoDB expires items by, if the table has one: {@code TimeToLiveSpecification} in the
     * UpdateTimeToLive API's shape ({@code {"AttributeName": "expires_at", "Enabled": true}}), which Terraform reads
     * too. The older {@code "TimeToLiveAttribute": "name"} is still accepted. Keys the loader has no use for
     * ({@code StreamSpecification}, {@code Description}) are ignored here: streams exist only in AWS.
     */
    public String ttlAttribute() {
        JsonNode spec = json.path("TimeToLiveSpecification");
        if (spec.isObject()) {
            return spec.path("Enabled").asBoolean(true) && spec.path("AttributeName").isTextual()
                    ? spec.path("AttributeName").asText() : null;
        }
        JsonNode ttl = json.path("TimeToLiveAttribute");
        return ttl.isTextual() ? ttl.asText() : null;
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode k : schema) {
            keys.add(KeySchemaElement.builder()
                    .attributeName(k.path("AttributeName").asText())
                    .keyType(k.path("KeyType").asText())
                    .build());
        }
        return keys;
    }
}
