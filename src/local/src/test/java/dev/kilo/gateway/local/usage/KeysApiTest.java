package dev.kilo.gateway.local.usage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.auth.KeySecrets;
import dev.kilo.gateway.auth.KeyService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin keys manage keys over the API, with the same service as the CLI. */
@QuarkusTest
class KeysApiTest {

    @Inject
    KeyService keys;

    String admin;

    @BeforeEach
    void adminKey() {
        admin = "Bearer " + keys.create("admin", KeyService.ROLE_ADMIN).secret();
    }

    @Test
    void createListReadUpdateRevoke() {
        JsonPath created = given().header("Authorization", admin).contentType("application/json")
                .body("{\"name\":\"ci\",\"budget_usd\":5,\"budget_period\":\"month\",\"rpm\":30}")
                .post("/v1/keys").then().statusCode(201)
                .body("key", startsWith(KeySecrets.PREFIX)).body("role", equalTo("user"))
                .body("budget_usd", equalTo(5)).body("budget_period", equalTo("month"))
                .body("spend.spent_usd", equalTo(0)).body("key_hash", nullValue())
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("key");
        assertTrue(keys.find(id).orElseThrow().hash().equals(KeySecrets.hash(secret)), "stored as its hash");

        given().header("Authorization", "Bearer " + secret).get("/v1/models").then().statusCode(200);

        List<String> listed = given().header("Authorization", admin).get("/v1/keys").then().statusCode(200)
                .body("object", equalTo("list")).body("data.id", hasItem(id))
                .body("data.key", not(hasItem(secret))).extract().jsonPath().getList("data.id");
        assertTrue(listed.contains(id));

        given().header("Authorization", admin).get("/v1/keys/" + id).then().statusCode(200)
                .body("name", equalTo("ci")).body("rpm", equalTo(30)).body("key", nullValue())
                .body("spend.window", startsWith("month#"));

        given().header("Authorization", admin).contentType("application/json")
                .body("{\"name\":\"ci-2\",\"rpm\":null,\"tpm\":1000,\"allowed_models\":[\"openai/*\"]}")
                .patch("/v1/keys/" + id).then().statusCode(200)
                .body("name", equalTo("ci-2")).body("rpm", nullValue()).body("tpm", equalTo(1000))
                .body("budget_usd", equalTo(5)).body("allowed_models", equalTo(List.of("openai/*")));
        assertEquals(1000L, keys.find(id).orElseThrow().limits().tpm());

        given().header("Authorization", admin).delete("/v1/keys/" + id).then().statusCode(200)
                .body("status", equalTo("revoked"));
        // This instance forgets the key at once (others within gateway.auth.key-cache-ttl).
        given().header("Authorization", "Bearer " + secret).get("/v1/models").then().statusCode(401)
                .body("error.message", equalTo("This API key has been revoked."));
    }

    @Test
    void onlyAdminsManageKeys() {
        String user = "Bearer " + keys.create("plain", KeyService.ROLE_USER).secret();
        given().header("Authorization", user).get("/v1/keys").then().statusCode(403)
                .body("error.code", equalTo("insufficient_permissions"))
                .body("error.type", equalTo("permission_error"));
        given().header("Authorization", user).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/v1/keys").then().statusCode(403);
        given().contentType("application/json").body("{\"name\":\"x\"}").post("/v1/keys").then().statusCode(401);
    }

    @Test
    void badBodiesAre400NamingTheParamAndUnknownIdsAre404() {
        given().header("Authorization", admin).contentType("application/json").body("{\"name\":\"x\",\"rpm\":\"60\"}")
                .post("/v1/keys").then().statusCode(400).body("error.param", equalTo("rpm"))
                .body("error.code", equalTo("invalid_type"));
        given().header("Authorization", admin).contentType("application/json").body("{\"name\":")
                .post("/v1/keys").then().statusCode(400).body("error.type", equalTo("invalid_request_error"));
        given().header("Authorization", admin).contentType("application/json").body("{\"budget_usd\":-1}")
                .patch("/v1/keys/key_nope").then().statusCode(404);
        given().header("Authorization", admin).delete("/v1/keys/key_nope").then().statusCode(404)
                .body("error.code", equalTo("not_found"));
    }
}
