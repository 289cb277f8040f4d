package dev.kilo.gateway.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the edge answers before any provider is called: bad input, oversize bodies, unknown models and routes. */
@QuarkusTest
class ApiEdgeTest {

    @Inject
    KeyService keys;

    String auth;

    @BeforeEach
    void key() {
        if (auth == null) {
            auth = TestKeys.bearer(keys, "edge");
        }
    }

    ValidatableResponse chat(String body) {
        return given().header("Authorization", auth).contentType("application/json").body(body)
                .post("/v1/chat/completions").then();
    }

    static void isOpenAiError(ValidatableResponse response, int status, String param) {
        response.statusCode(status)
                .contentType(startsWith("application/json"))
                .header("x-request-id", startsWith("req_"))
                .body("error.message", notNullValue())
                .body("error.type", notNullValue())
                .body("error.param", param == null ? nullValue() : equalTo(param))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void malformedJsonIsA400() {
        isOpenAiError(chat("{\"model\": \"openai/gpt-5-mini\", \"messages\": ["), 400, null);
    }

    @Test
    void aJsonArrayIsNotARequest() {
        isOpenAiError(chat("[1,2]"), 400, null);
    }

    @Test
    void missingMessagesNamesTheParam() {
        isOpenAiError(chat("{\"model\":\"openai/gpt-5-mini\"}"), 400, "messages");
    }

    @Test
    void wrongTypesNameTheParam() {
        isOpenAiError(chat("{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"max_tokens\":\"many\"}"), 400, "max_tokens");
        isOpenAiError(chat("{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":42}]}"),
                400, "messages[0].content");
    }

    @Test
    void outOfRangeValuesAreRefusedNotClamped() {
        isOpenAiError(chat("{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"temperature\":3}"), 400, "temperature");
    }

    @Test
    void unknownModelsAre404() {
        isOpenAiError(chat("{\"model\":\"nobody/model-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                404, "model");
        chat("{\"model\":\"openai/gpt-0\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(404).body("error.code", equalTo("model_not_found"));
        chat("{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(404).body("error.message", containsString("provider/model"));
    }

    @Test
    void anAutoIdNoModelCanServeAnswersANamedNeed() {
        // Other tests may have discovered OpenRouter's free models into the shared catalog.
        chat("{\"model\":\"kilo-auto/free\",\"routing\":{\"exclude\":[\"openrouter/*\"]},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .statusCode(400).body("error.code", equalTo("no_model_fits")).body("error.param", equalTo("model"));
    }

    @Test
    void oversizeBodiesAre413() {
        String big = "x".repeat(1_100_000);
        isOpenAiError(chat("{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + big
                + "\"}]}"), 413, null);
    }

    @Test
    void emptyBodyIsA400() {
        isOpenAiError(given().header("Authorization", auth).post("/v1/chat/completions").then(), 400, null);
    }

    @Test
    void unknownRoutesAreOpenAiStyle404s() {
        isOpenAiError(given().header("Authorization", auth).get("/v1/nothing-here").then(), 404, null);
    }

    @Test
    void wrongMethodIs405() {
        isOpenAiError(given().header("Authorization", auth).get("/v1/chat/completions").then(), 405, null);
    }

    @Test
    void embeddingsOfAProviderWithoutThemAreA400() {
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"anthropic/claude-sonnet-4-5\",\"input\":\"hello\"}")
                .post("/v1/embeddings").then().statusCode(400).body("error.param", equalTo("model"));
    }

    @Test
    void modelsListTheCatalogInOpenRouterShape() {
        given().header("Authorization", auth).get("/v1/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem("openai/gpt-5-mini"))
                .body("data.id", hasItem("anthropic/claude-sonnet-4-5"))
                .body("data.find { it.id == 'openai/gpt-5-mini' }.name", notNullValue())
                .body("data.find { it.id == 'openai/gpt-5-mini' }.architecture.input_modalities", hasItem("text"))
                .body("data.find { it.id == 'openai/gpt-5-mini' }.supported_parameters", hasItem("tools"))
                // Configured models are priced from the curated registry (unknown prices: DiscoveryTest).
                .body("data.find { it.id == 'openai/gpt-5-mini' }.pricing.prompt", notNullValue());
    }

    @Test
    void aModelIsFoundByItsSlashedId() {
        given().header("Authorization", auth).get("/v1/models/anthropic/claude-sonnet-4-5").then().statusCode(200)
                .body("id", equalTo("anthropic/claude-sonnet-4-5"))
                .body("owned_by", equalTo("anthropic"));
        isOpenAiError(given().header("Authorization", auth).get("/v1/models/openai/none").then(), 404, "model");
    }

    @Test
    void healthSaysDynamoDbIsUp() {
        given().get("/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("dynamodb"));
        given().get("/health/live").then().statusCode(200);
    }

    @Test
    void servesAnOpenApiDocument() {
        given().get("/openapi?format=json").then().statusCode(200)
                .body("paths", notNullValue())
                .body(containsString("/v1/chat/completions"));
    }
}
