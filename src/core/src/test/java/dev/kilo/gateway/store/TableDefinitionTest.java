package dev.kilo.gateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** The table definitions in infra/dynamodb/tables, as the local loader reads them. */
class TableDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ttlComesFromTheTimeToLiveSpecification() throws Exception {
        TableDefinition table = definition("""
                {"TableName": "usage",
                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": true}}
                """);

        assertEquals("expires_at", table.ttlAttribute());
    }

    @Test
    void aDisabledTimeToLiveSpecificationMeansNoTtl() throws Exception {
        TableDefinition table = definition("""
                {"TableName": "t", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": false}}
                """);

        assertNull(table.ttlAttribute());
    }

    @Test
    void theOlderTimeToLiveAttributeStillWorks() throws Exception {
        TableDefinition table = definition("""
                {"TableName": "t", "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "TimeToLiveAttribute": "ttl"}
                """);

        assertEquals("ttl", table.ttlAttribute());
    }

    @Test
    void awsOnlyKeysDoNotReachTheLocalCreateTableRequest() throws Exception {
        TableDefinition table = definition("""
                {"TableName": "models", "Description": "catalog",
                 "AttributeDefinitions": [{"AttributeName": "model_id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "model_id", "KeyType": "HASH"}],
                 "GlobalSecondaryIndexes": [],
                 "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
                 "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": true}}
                """);

        CreateTableRequest request = table.toCreateRequest("kilo-gateway-models");

        assertEquals("kilo-gateway-models", request.tableName());
        assertEquals("model_id", request.keySchema().get(0).attributeName());
        assertNull(request.streamSpecification());
        assertFalse(request.hasGlobalSecondaryIndexes());
    }

    @Test
    void everyCheckedInDefinitionLoadsWithAKeySchema() {
        for (String name : Tables.ALL) {
            TableDefinition table = TableDefinition.load(name, JSON);
            CreateTableRequest request = table.toCreateRequest("p-" + name);
            assertTrue(request.hasKeySchema() && !request.keySchema().isEmpty(), name);
        }
    }

    private static TableDefinition definition(String json) throws Exception {
        return new TableDefinition("t", JSON.readTree(json));
    }
}
