package dev.kilo.gateway.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.auth.KeySecrets;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.store.Tables;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Every /v1 call needs a valid Bearer key; keys live in DynamoDB only as hashes. */
@QuarkusTest
class AuthTest {

    @Inject
    KeyService keys;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @Test
    void aMissingKeyIs401() {
        given().contentType("application/json").body("{}").post("/v1/chat/completions").then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"))
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void aNonBearerSchemeIs401() {
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/models").then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
    }

    @Test
    void anUnknownKeyIs401() {
        given().header("Authorization", "Bearer " + KeySecrets.newSecret()).get("/v1/models").then()
                .statusCode(401).body("error.message", equalTo("Incorrect API key provided."));
    }

    @Test
    void aCreatedKeyWorksAndARevokedOneDoesNot() {
        KeyService.CreatedKey working = keys.create("works", KeyService.ROLE_USER);
        given().header("Authorization", "Bearer " + working.secret()).get("/v1/models").then().statusCode(200);

        KeyService.CreatedKey revoked = keys.create("revoked", KeyService.ROLE_USER);
        assertTrue(keys.revoke(revoked.key().id()).isPresent());
        given().header("Authorization", "Bearer " + revoked.secret()).get("/v1/models").then().statusCode(401)
                .body("error.message", equalTo("This API key has been revoked."));
    }

    @Test
    void healthAndOpenApiNeedNoKey() {
        given().get("/health").then().statusCode(200);
    }

    @Test
    void keysAreStoredOnlyAsHashes() {
        KeyService.CreatedKey created = keys.create("hashed", KeyService.ROLE_ADMIN);
        List<Map<String, AttributeValue>> items = dynamo.scan(ScanRequest.builder().tableName(tables.keys())
                .build()).items();
        Map<String, AttributeValue> item = items.stream()
                .filter(i -> i.get("key_id").s().equals(created.key().id())).findFirst().orElseThrow();
        assertEquals(KeySecrets.hash(created.secret()), item.get("key_hash").s());
        for (Map<String, AttributeValue> any : items) {
            assertFalse(any.toString().contains(created.secret()), "the secret is stored nowhere");
        }
    }
}
