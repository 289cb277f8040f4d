package dev.kilo.gateway.local.usage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.Sse;
import dev.kilo.gateway.usage.UsageWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries its cost, and every request leaves one usage record in DynamoDB Local, streamed or not,
 * readable by the key that made it.
 */
@QuarkusTest
class UsageTest {

    static final String CHAT = "{\"model\":\"openai/gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
    /** chat-text.json: 24 prompt and 18 completion tokens at $0.25 and $2 per million. */
    static final BigDecimal WHOLE_COST = new BigDecimal("0.000042");
    /** chat-stream.sse: 12 prompt and 5 completion tokens. */
    static final BigDecimal STREAM_COST = new BigDecimal("0.000013");

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    UsageWriter writer;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void stubs() {
        upstream.resetAll();
        upstream.stubFor(post("/openai/v1/chat/completions").withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
                        .withBody(Fixtures.text("openai/chat-stream.sse"))));
        upstream.stubFor(post("/openai/v1/chat/completions").atPriority(10).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.text("openai/chat-text.json"))));
    }

    private String bearer(String name) {
        return "Bearer " + keys.create(name, KeyService.ROLE_USER).secret();
    }

    @Test
    void aWholeAnswerCarriesItsCostAndLeavesARecord() {
        String key = bearer("whole");
        Response response = given().header("Authorization", key).contentType("application/json")
                .header("x-kilocode-mode", "code").header("x-kilocode-taskid", "task-7")
                .body(CHAT + "}").post("/v1/chat/completions");
        response.then().statusCode(200).body("usage.prompt_tokens", equalTo(24));
        assertEquals(0, WHOLE_COST.compareTo(new BigDecimal(response.jsonPath().getString("usage.cost"))));
        assertNull(response.header("x-kilo-cost-unknown"));

        JsonNode record = generation(key, response.header("x-request-id"));
        assertEquals("openai/gpt-5-mini", record.path("model").asText());
        assertEquals("openai/gpt-5-mini", record.path("requested_model").asText());
        assertEquals(24, record.path("tokens_prompt").asInt());
        assertEquals(18, record.path("tokens_completion").asInt());
        assertEquals(0, WHOLE_COST.compareTo(record.path("total_cost").decimalValue()));
        assertEquals(200, record.path("status").asInt());
        assertEquals("stop", record.path("finish_reason").asText());
        assertFalse(record.path("streamed").asBoolean());
        assertTrue(record.path("latency").asLong() >= 0);
        assertEquals("code", record.path("mode").asText());
        assertEquals("task-7", record.path("session").asText());
    }

    @Test
    void aStreamsUsageIsRecordedEvenWhenTheClientDidNotAskForIt() throws Exception {
        String key = bearer("stream-quiet");
        Response response = given().header("Authorization", key).contentType("application/json")
                .body(CHAT + ",\"stream\":true}").post("/v1/chat/completions");
        response.then().statusCode(200);
        List<JsonNode> events = events(response.asString());
        assertTrue(events.stream().noneMatch(e -> e.has("usage")), "no usage chunk for a client that did not ask");

        JsonNode record = generation(key, response.header("x-request-id"));
        assertEquals(12, record.path("tokens_prompt").asInt());
        assertEquals(5, record.path("tokens_completion").asInt());
        assertEquals(0, STREAM_COST.compareTo(record.path("total_cost").decimalValue()));
        assertTrue(record.path("streamed").asBoolean());
        assertTrue(record.path("first_token_latency").isNumber());
    }

    @Test
    void aStreamsFinalUsageChunkCarriesTheCost() throws Exception {
        String key = bearer("stream-usage");
        Response response = given().header("Authorization", key).contentType("application/json")
                .body(CHAT + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}")
                .post("/v1/chat/completions");
        List<JsonNode> events = events(response.asString());
        JsonNode usage = events.stream().filter(e -> e.has("usage")).reduce((a, b) -> b).orElseThrow().path("usage");
        assertEquals(0, STREAM_COST.compareTo(usage.path("cost").decimalValue()));
    }

    @Test
    void anUnpricedModelsCostIsUnknownNeverZero() {
        upstream.stubFor(post("/openrouter/api/v1/chat/completions").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(Fixtures.text("openai/chat-text.json"))));
        String key = bearer("unpriced");
        Response response = given().header("Authorization", key).contentType("application/json")
                .body("{\"model\":\"openrouter/acme/unlisted-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions");
        response.then().statusCode(200).body("usage.prompt_tokens", equalTo(24));
        assertTrue(response.jsonPath().getMap("usage").containsKey("cost"));
        assertNull(response.jsonPath().get("usage.cost"));
        assertNotNull(response.header("x-kilo-cost-unknown"));

        JsonNode record = generation(key, response.header("x-request-id"));
        assertTrue(record.path("total_cost").isNull());
        assertTrue(record.path("cost_unknown").asText().contains("openrouter/acme/unlisted-1"));
        JsonNode usage = usage(key);
        assertEquals(1, usage.path("totals").path("unpriced_requests").asInt());
        assertEquals(0, BigDecimal.ZERO.compareTo(usage.path("totals").path("cost").decimalValue()));
    }

    @Test
    void anUpstreamFailureIsRecordedAtNoCost() {
        upstream.stubFor(post("/openai/v1/chat/completions").atPriority(1).willReturn(aResponse().withStatus(500)
                .withBody("<html>down</html>")));
        String key = bearer("failed");
        Response response = given().header("Authorization", key).contentType("application/json")
                .body(CHAT + "}").post("/v1/chat/completions");
        response.then().statusCode(502);
        JsonNode record = generation(key, response.header("x-request-id"));
        assertEquals(502, record.path("status").asInt());
        assertEquals(0, BigDecimal.ZERO.compareTo(record.path("total_cost").decimalValue()));
    }

    @Test
    void aKeySeesOnlyItsOwnGenerationsAndUsage() {
        String owner = bearer("owner");
        String other = bearer("other");
        String id = given().header("Authorization", owner).contentType("application/json").body(CHAT + "}")
                .post("/v1/chat/completions").header("x-request-id");
        generation(owner, id);
        given().header("Authorization", other).get("/v1/generation?id=" + id).then().statusCode(404)
                .body("error.code", equalTo("not_found"));
        given().header("Authorization", other).get("/v1/generation").then().statusCode(400)
                .body("error.param", equalTo("id"));
        given().header("Authorization", other).get("/v1/usage?key_id=key_someoneelse").then().statusCode(404);
        given().header("Authorization", other).get("/v1/usage?from=yesterday").then().statusCode(400)
                .body("error.param", equalTo("from"));
    }

    @Test
    void usageTotalsByDayAndModel() {
        String key = bearer("totals");
        for (int i = 0; i < 3; i++) {
            given().header("Authorization", key).contentType("application/json").body(CHAT + "}")
                    .post("/v1/chat/completions").then().statusCode(200);
        }
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        JsonNode usage = usage(key);
        JsonNode day = usage.path("data").get(0);
        assertEquals("openai/gpt-5-mini", day.path("model").asText());
        assertEquals(3, day.path("requests").asInt());
        assertEquals(72, day.path("prompt_tokens").asInt());
        assertEquals(0, WHOLE_COST.multiply(BigDecimal.valueOf(3)).compareTo(usage.path("totals").path("cost")
                .decimalValue()));
    }

    private JsonNode usage(String key) {
        assertTrue(writer.drain(Duration.ofSeconds(10)));
        return json(given().header("Authorization", key).get("/v1/usage").then().statusCode(200).extract()
                .asString());
    }

    /** The record is written just after the answer: drain the writer, then read it over the API. */
    private JsonNode generation(String key, String requestId) {
        assertTrue(writer.drain(Duration.ofSeconds(10)), "usage writer drained");
        String body = given().header("Authorization", key).get("/v1/generation?id=" + requestId).then()
                .statusCode(200).extract().asString();
        JsonNode data = json(body).path("data");
        assertEquals(requestId, data.path("id").asText());
        return data;
    }

    private List<JsonNode> events(String body) {
        return Sse.data(body).stream().filter(data -> !"[DONE]".equals(data)).map(this::json).toList();
    }

    private JsonNode json(String body) {
        try {
            return mapper.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
