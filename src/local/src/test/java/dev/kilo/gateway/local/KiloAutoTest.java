package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.service.ProviderHealth;
import dev.kilo.gateway.service.RoutingPolicies;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kilo/auto serving real requests against WireMock upstreams: the route headers, fallback before the first byte in
 * ranking order (429, 5xx), no fallback for the caller's own errors, streams, session stickiness, per-key defaults,
 * and the decision record with every attempt. The allow-list pins the candidates to the three configured models,
 * whatever else other tests put in the catalog: frontier ranks them gpt-5, claude-sonnet-4-5, gpt-5-mini for
 * architecture.
 */
@QuarkusTest
class KiloAutoTest {

    private static final String OPENAI = "/openai/v1/chat/completions";
    private static final String ANTHROPIC = "/anthropic/v1/messages";
    private static final String DESIGN = "{\"model\":\"kilo-auto/frontier\",%s\"routing\":{\"models\":[\"openai/*\","
            + "\"anthropic/*\"]},\"messages\":[{\"role\":\"user\",\"content\":\"Design a rate limiter for a "
            + "distributed API gateway (%s).\"}]}";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    ModelCatalog catalog;

    @Inject
    RoutingPolicies policies;

    @Inject
    ProviderHealth health;

    String auth;

    /** Each test's conversation is new (its own leading message), so no session pin carries over. */
    String topic;

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        catalog.reload();
        policies.refresh();
        // Failures other tests provoked must not mark a provider down here.
        health.succeeded("openai");
        health.succeeded("anthropic");
        topic = UUID.randomUUID().toString();
        if (auth == null) {
            auth = TestKeys.bearer(keys, "kilo-auto");
        }
    }

    private static MappingBuilder openai(String model) {
        return post(OPENAI).withRequestBody(matchingJsonPath("$.model", equalTo(model)));
    }

    private Response chat(String body, String... headers) {
        var request = given().header("Authorization", auth).contentType("application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        return request.body(body).post("/v1/chat/completions");
    }

    @Test
    void servesWithTheRouteHeaders() {
        upstream.stubFor(openai("gpt-5").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        chat(DESIGN.formatted("", topic)).then().statusCode(200)
                .header("x-kilo-model", "openai/gpt-5")
                .header("x-kilo-route-class", "architecture")
                .header("x-kilo-route-profile", "frontier")
                .header("x-kilo-fallbacks", "none")
                .header("x-kilo-route-reason", containsString("design wording"))
                .body("model", org.hamcrest.Matchers.equalTo("openai/gpt-5"));
    }

    @Test
    void fallsBackInRankingOrderOn429And5xxAndRecordsEveryAttempt() throws Exception {
        upstream.stubFor(openai("gpt-5").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.text("openai/error-429.json"))));
        upstream.stubFor(post(ANTHROPIC).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}")));
        upstream.stubFor(openai("gpt-5-mini").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));

        Response response = chat(DESIGN.formatted("", topic));

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("openai/gpt-5-mini", response.header("x-kilo-model"));
        assertEquals("openai/gpt-5, anthropic/claude-sonnet-4-5", response.header("x-kilo-fallbacks"));
        Response record = RouteApiTest.awaitRecord(response.header("x-request-id"), auth);
        assertEquals("openai/gpt-5-mini", record.path("served_by"));
        List<String> models = record.path("attempts.model");
        List<String> outcomes = record.path("attempts.outcome");
        assertEquals(List.of("openai/gpt-5", "anthropic/claude-sonnet-4-5", "openai/gpt-5-mini"), models);
        assertTrue(outcomes.get(0).startsWith("429"), outcomes.toString());
        assertTrue(outcomes.get(1).startsWith("5"), outcomes.toString());
        assertEquals("ok", outcomes.get(2));
        assertEquals(false, record.<Boolean>path("dry_run"));
    }

    @Test
    void aStreamFallsBackBeforeItsFirstByte() {
        upstream.stubFor(openai("gpt-5").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"message\":\"overloaded\"}}")));
        upstream.stubFor(post(ANTHROPIC).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(Fixtures.text("anthropic/stream-text.sse"))));

        Response response = chat(DESIGN.formatted("\"stream\":true,", topic));

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("anthropic/claude-sonnet-4-5", response.header("x-kilo-model"));
        assertEquals("openai/gpt-5", response.header("x-kilo-fallbacks"));
        assertTrue(response.asString().trim().endsWith("data: [DONE]"), response.asString());
    }

    @Test
    void whenEveryCandidateFailsTheErrorSaysWhichWereTried() {
        upstream.stubFor(post(OPENAI).willReturn(aResponse().withStatus(500).withBody("oops")));
        upstream.stubFor(post(ANTHROPIC).willReturn(aResponse().withStatus(500).withBody("oops")));

        Response response = chat(DESIGN.formatted("", topic));

        assertTrue(response.statusCode() >= 500, response.asString());
        assertEquals("openai/gpt-5, anthropic/claude-sonnet-4-5, openai/gpt-5-mini",
                response.header("x-kilo-fallbacks"));
        assertTrue(response.<String>path("error.message").contains("kilo/auto tried"), response.asString());
    }

    @Test
    void theCallersOwnErrorIsNotRetriedElsewhere() {
        upstream.stubFor(openai("gpt-5").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\"}}")));
        upstream.stubFor(openai("gpt-5-mini").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));

        Response response = chat(DESIGN.formatted("", topic));

        assertEquals(400, response.statusCode(), response.asString());
        upstream.verify(0, postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(OPENAI))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5-mini"))));
    }

    @Test
    void aConversationStaysOnTheModelThatServedIt() {
        String session = UUID.randomUUID().toString();
        upstream.stubFor(openai("gpt-5").willReturn(aResponse().withStatus(429).withBody("{}")));
        upstream.stubFor(post(ANTHROPIC).willReturn(okJson(Fixtures.text("anthropic/message-text.json"))));
        chat(DESIGN.formatted("", topic), "x-session-id", session).then().statusCode(200)
                .header("x-kilo-model", "anthropic/claude-sonnet-4-5");

        upstream.resetAll();
        upstream.stubFor(openai("gpt-5").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        upstream.stubFor(post(ANTHROPIC).willReturn(okJson(Fixtures.text("anthropic/message-text.json"))));
        chat(DESIGN.formatted("", topic), "x-session-id", session).then().statusCode(200)
                .header("x-kilo-model", "anthropic/claude-sonnet-4-5")
                .header("x-kilo-route-reason", containsString("kept for the session"));
        chat(DESIGN.formatted("", topic), "x-session-id", "another-" + session).then().statusCode(200)
                .header("x-kilo-model", "openai/gpt-5");
    }

    @Test
    void aKeysRoutingDefaultsApply() {
        ObjectNode routing = JsonNodeFactory.instance.objectNode().put("profile", "frontier");
        routing.putArray("exclude").add("openai/gpt-5");
        String key = "Bearer " + keys.create("kilo-auto-defaults", KeyService.ROLE_USER,
                new KeyLimits(null, null, null, null, List.of("openai/*", "anthropic/*"), List.of(), routing)).secret();
        upstream.stubFor(post(ANTHROPIC).willReturn(okJson(Fixtures.text("anthropic/message-text.json"))));

        Response response = given().header("Authorization", key).contentType("application/json")
                .body("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Design a rate "
                        + "limiter for a distributed API gateway (" + topic + ").\"}]}")
                .post("/v1/chat/completions");

        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("frontier", response.header("x-kilo-route-profile"));
        assertEquals("anthropic/claude-sonnet-4-5", response.header("x-kilo-model"));
        assertFalse(response.asString().contains("routing"));
    }

    @Test
    void routingControlsAreNotForwardedUpstream() {
        upstream.stubFor(openai("gpt-5").willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        chat(DESIGN.formatted("", topic)).then().statusCode(200);
        upstream.verify(postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo(OPENAI))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"routing\"")));
    }
}
