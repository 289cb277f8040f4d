package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.Sse;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hosted Kilo gateway's paths and dialect, for Kilo Code CLI ({@code /api/openrouter}) and OpenClaw
 * ({@code /api/gateway}): one implementation behind all three prefixes.
 */
@QuarkusTest
class ClientPrefixesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ASK = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    ModelCatalog catalog;

    String auth;

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        catalog.reload();
        if (auth == null) {
            auth = TestKeys.bearer(keys, "prefixes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/api/gateway", "/api/openrouter"})
    void everyPrefixServesChatCompletions(String prefix) {
        upstream.stubFor(post("/openai/v1/chat/completions").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openai/gpt-5-mini\"," + ASK + "}")
                .post(prefix + "/chat/completions").then().statusCode(200)
                .body("model", equalTo("openai/gpt-5-mini"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/api/gateway", "/api/openrouter"})
    void everyPrefixListsModelsWithoutAKeyInOpenRouterShape(String prefix) {
        given().get(prefix + "/models").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItems("kilo/auto", "kilo-auto/small", "kilo-auto/frontier"))
                .body("data.find { it.id == 'kilo/auto' }.name", equalTo("Kilo: auto"))
                // Served by openai/gpt-5-mini here, so listed with its limits: Kilo Code hides a model without
                // context_length or tools.
                .body("data.find { it.id == 'kilo-auto/small' }.context_length", equalTo(400000))
                .body("data.find { it.id == 'kilo-auto/small' }.supported_parameters", hasItem("tools"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/gateway", "/api/openrouter"})
    void hostedKiloPathsListOnlyModelsWithAKnownContextLength(String prefix) {
        // Kilo Code drops the whole list when one entry lacks context_length or name.
        given().get(prefix + "/models").then().statusCode(200)
                .body("data.context_length", everyItem(notNullValue()))
                .body("data.name", everyItem(notNullValue()));
    }

    @Test
    void aWrongKeyOnAPublicModelListIsStillA401() {
        given().header("Authorization", "Bearer sk-kg-wrong").get("/api/openrouter/models").then().statusCode(401);
    }

    @Test
    void completionsStillNeedAKeyUnderEveryPrefix() {
        given().contentType("application/json").body("{\"model\":\"openai/gpt-5-mini\"," + ASK + "}")
                .post("/api/gateway/chat/completions").then().statusCode(401)
                .body("error.code", equalTo("invalid_api_key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/user", "/api/profile"})
    void accountEndpointsAreNever200(String path) {
        given().header("Authorization", auth).get(path).then().statusCode(404)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("self-hosted"));
    }

    @Test
    void defaultsNameTheGatewaysDefaultModel() {
        given().get("/api/defaults").then().statusCode(200)
                .body("defaultModel", equalTo("kilo/auto"))
                .body("defaultFreeModel", equalTo("kilo-auto/free"));
    }

    @Test
    void autoIdsAreRoutedUnderTheKiloCodePrefix() {
        upstream.stubFor(post("/openai/v1/chat/completions").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"kilo-auto/small\",\"reasoning\":{\"enabled\":true}," + ASK + "}")
                .post("/api/openrouter/chat/completions").then().statusCode(200)
                .header("x-kilo-model", "openai/gpt-5-mini")
                .header("x-kilo-route-profile", "eco")
                .body("model", equalTo("openai/gpt-5-mini"));
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"kilo-auto/free\",\"routing\":{\"exclude\":[\"openrouter/*\"]}," + ASK + "}")
                .post("/api/openrouter/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("no_model_fits"))
                .body("error.param", equalTo("model"))
                .body("error.message", containsString("kilo-auto/free"));
    }

    @Test
    void openRouterUsageIncludeStreamsTheUsageChunk() throws Exception {
        upstream.stubFor(post("/openai/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(Fixtures.text("openai/chat-stream.sse"))));
        String body = given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openai/gpt-5-mini\",\"stream\":true,\"usage\":{\"include\":true}," + ASK + "}")
                .post("/api/openrouter/chat/completions").then().statusCode(200).extract().asString();
        List<String> data = Sse.data(body);
        JsonNode usage = JSON.readTree(data.get(data.size() - 2));
        assertTrue(usage.path("usage").path("total_tokens").asInt() > 0, body);
    }

    @Test
    void unknownTopLevelFieldsReachOnlyProvidersThatAcceptThem() throws Exception {
        String kiloDialect = "\"description\":\"kilo session\",\"max_tokens\":32000," + ASK;
        upstream.stubFor(post("/openai/v1/chat/completions").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        upstream.stubFor(post("/openrouter/api/v1/chat/completions")
                .willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openai/gpt-5-mini\"," + kiloDialect + "}")
                .post("/api/openrouter/chat/completions").then().statusCode(200);
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openrouter/qwen/qwen3-coder\"," + kiloDialect + "}")
                .post("/api/openrouter/chat/completions").then().statusCode(200);
        JsonNode toOpenAi = body("/openai/v1/chat/completions");
        JsonNode toOpenRouter = body("/openrouter/api/v1/chat/completions");
        assertFalse(toOpenAi.has("description"), "OpenAI answers 400 to unknown arguments");
        assertEquals(32000, toOpenAi.path("max_completion_tokens").asInt());
        assertEquals("kilo session", toOpenRouter.path("description").asText());
    }

    private JsonNode body(String path) throws Exception {
        var event = upstream.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path)).findFirst().orElseThrow();
        return JSON.readTree(event.getRequest().getBodyAsString());
    }
}
