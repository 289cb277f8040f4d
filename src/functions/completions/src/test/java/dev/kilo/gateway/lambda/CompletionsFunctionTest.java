package dev.kilo.gateway.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kilo.gateway.auth.KeySecrets;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.discovery.DiscoveryService;
import dev.kilo.gateway.lambda.FakeRuntimeApi.Chunk;
import dev.kilo.gateway.lambda.FakeRuntimeApi.Received;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.Sse;
import dev.kilo.gateway.testing.TestKeys;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The function end to end, as Lambda drives it: a real API Gateway or function URL event goes through the fake
 * Runtime API, our {@link RuntimeLoop}, the real application on its HTTP port, DynamoDB Local and a WireMock
 * provider, and comes back as a streamed invocation response (prelude, NUL delimiter, body chunks).
 */
@QuarkusTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CompletionsFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "openai/gpt-5-mini";
    private static final String UPSTREAM_CHAT = "/openai/v1/chat/completions";
    private static final String ANSWER = "Use `git rebase -i HEAD~3` and mark the commits to squash.";
    private static final String STREAMED = "Hello from the gateway!";
    /** The upstream sends its SSE in this many pieces, spread over this long (each gap well under its 2 s timeout). */
    private static final int DRIBBLE_CHUNKS = 5;
    private static final int DRIBBLE_MS = 1500;

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    GatewayConfig config;

    @Inject
    DiscoveryService discovery;

    @Inject
    ModelCatalog catalog;

    /** The application's real HTTP address; with {@code test-port=0} only known once it listens. */
    @TestHTTPResource("/")
    URL app;

    private FakeRuntimeApi runtimeApi;
    private String bearer;

    @BeforeEach
    void setUp() throws IOException {
        upstream.resetAll();
        // The function never writes the catalog (gateway.catalog.seed-from-config=false): here, as in AWS, the
        // discovery function has written it before.
        discovery.seedConfigured();
        catalog.reload();
        runtimeApi = new FakeRuntimeApi();
        bearer = TestKeys.bearer(keys, "lambda-function-test");
    }

    @AfterEach
    void tearDown() throws IOException {
        runtimeApi.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST_API", "FUNCTION_URL"})
    void answersAChatCompletionWithOpenAiJson(String shape) throws Exception {
        upstream.stubFor(chatCall().willReturn(okJson(Fixtures.text("openai/chat-text.json"))));

        StreamedAnswer answer = invoke(LambdaEvents.valueOf(shape), "POST", "/v1/chat/completions", bearer,
                chat(false));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.header("content-type"));
        assertGatewayHeaders(answer);
        JsonNode json = answer.json();
        assertEquals("chat.completion", json.path("object").asText());
        assertEquals(MODEL, json.path("model").asText());
        assertEquals("assistant", json.path("choices").path(0).path("message").path("role").asText());
        assertEquals(ANSWER, json.path("choices").path(0).path("message").path("content").asText());
        assertEquals("stop", json.path("choices").path(0).path("finish_reason").asText());
        assertEquals(42, json.path("usage").path("total_tokens").asInt());
        upstream.verify(1, postRequestedFor(urlEqualTo(UPSTREAM_CHAT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST_API", "FUNCTION_URL"})
    void streamsServerSentEventsChunkByChunk(String shape) throws Exception {
        upstream.stubFor(chatCall().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.text("openai/chat-stream.sse"))
                .withChunkedDribbleDelay(DRIBBLE_CHUNKS, DRIBBLE_MS)));

        StreamedAnswer answer = invoke(LambdaEvents.valueOf(shape), "POST", "/v1/chat/completions", bearer,
                chat(true));

        assertEquals(200, answer.status(), answer.body());
        assertTrue(String.valueOf(answer.header("content-type")).startsWith("text/event-stream"),
                answer.prelude().toString());
        assertGatewayHeaders(answer);
        assertOpenAiStream(answer.body());
        assertArrivedSpreadOverTime(answer.bodyChunks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST_API", "FUNCTION_URL"})
    void refusesAnUnknownKeyWithAnOpenAiError(String shape) throws Exception {
        StreamedAnswer answer = invoke(LambdaEvents.valueOf(shape), "POST", "/v1/chat/completions",
                "Bearer " + KeySecrets.newSecret(), chat(false));

        assertOpenAiError(answer, 401);
        JsonNode error = answer.json().path("error");
        assertEquals("invalid_api_key", error.path("code").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        upstream.verify(0, postRequestedFor(urlEqualTo(UPSTREAM_CHAT)));
    }

    @Test
    void refusesAMissingKey() throws Exception {
        StreamedAnswer answer = invoke(LambdaEvents.REST_API, "POST", "/v1/chat/completions", null, chat(false));

        assertOpenAiError(answer, 401);
        assertEquals("invalid_api_key", answer.json().path("error").path("code").asText());
    }

    @Test
    void listsTheModels() throws Exception {
        StreamedAnswer answer = invoke(LambdaEvents.FUNCTION_URL, "GET", "/v1/models", bearer, null);

        assertEquals(200, answer.status(), answer.body());
        assertTrue(String.valueOf(answer.header("content-type")).startsWith("application/json"),
                answer.prelude().toString());
        JsonNode json = answer.json();
        assertEquals("list", json.path("object").asText());
        assertTrue(ids(json.path("data")).contains(MODEL), json.toString());
    }

    @Test
    void answersAnUnknownPathWithAnOpenAiStyle404() throws Exception {
        StreamedAnswer answer = invoke(LambdaEvents.REST_API, "GET", "/v1/nothing-here", bearer, null);

        assertOpenAiError(answer, 404);
    }

    /** Outside Lambda (no Runtime API address) the function is a plain HTTP server: no loop polls anything. */
    @Test
    void startsNoRuntimeLoopWithoutARuntimeApiAddress() {
        assertTrue(config.lambda().runtimeApi().filter(address -> !address.isBlank()).isEmpty(),
                "tests must run without gateway.lambda.runtime-api / AWS_LAMBDA_RUNTIME_API");
        boolean running = Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("lambda-runtime-loop") && thread.isAlive());
        assertFalse(running, "a runtime loop thread was started");
    }

    /** One invocation through a fresh runtime loop, as Lambda would hand it out; returns what the loop sent back. */
    private StreamedAnswer invoke(LambdaEvents shape, String method, String path, String auth, String body)
            throws Exception {
        String requestId = UUID.randomUUID().toString();
        runtimeApi.enqueue(requestId, "Root=1-5759e988-bd862e3fe1be46a994272793", shape.event(method, path, auth,
                body));
        new RuntimeLoop(new RuntimeApiClient(runtimeApi.address()),
                new LocalForwarder(app.getPort(), Duration.ofSeconds(5))).runOnce();
        Received response = runtimeApi.take();
        assertEquals("/2018-06-01/runtime/invocation/" + requestId + "/response", response.path());
        return StreamedAnswer.of(response);
    }

    private MappingBuilder chatCall() {
        return post(UPSTREAM_CHAT).withHeader("Authorization", equalTo("Bearer " + UpstreamFakes.OPENAI_KEY));
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"How do I squash commits?\"}]}";
    }

    private static void assertGatewayHeaders(StreamedAnswer answer) {
        assertEquals(MODEL, answer.header("x-kilo-model"));
        assertTrue(String.valueOf(answer.header("x-request-id")).startsWith("req_"), answer.prelude().toString());
    }

    /** OpenAI's stream: chat.completion.chunk events under our model id, the text in order, then [DONE]. */
    private static void assertOpenAiStream(String body) throws IOException {
        List<String> data = Sse.data(body);
        assertEquals("[DONE]", data.get(data.size() - 1));
        StringBuilder text = new StringBuilder();
        for (String event : data.subList(0, data.size() - 1)) {
            JsonNode chunk = JSON.readTree(event);
            assertEquals("chat.completion.chunk", chunk.path("object").asText(), event);
            assertEquals(MODEL, chunk.path("model").asText(), event);
            text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
        }
        assertEquals(STREAMED, text.toString());
    }

    /**
     * The body left the loop in several chunks spread over the upstream's dribble, rather than in one piece at the
     * end. Only recorded arrival times are compared with each other: no absolute latency, so a slow machine passes.
     */
    private static void assertArrivedSpreadOverTime(List<Chunk> body) {
        assertTrue(body.size() > 1, "the body reached the Runtime API as " + body.size() + " chunk(s)");
        long spreadMs = TimeUnit.NANOSECONDS.toMillis(body.get(body.size() - 1).arrivedNanos()
                - body.get(0).arrivedNanos());
        assertTrue(spreadMs >= DRIBBLE_MS / 2, "the first and last body chunks arrived only " + spreadMs
                + " ms apart, while the upstream dribbled its answer over " + DRIBBLE_MS + " ms: buffered?");
    }

    private static void assertOpenAiError(StreamedAnswer answer, int status) throws IOException {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(String.valueOf(answer.header("content-type")).startsWith("application/json"),
                answer.prelude().toString());
        assertTrue(String.valueOf(answer.header("x-request-id")).startsWith("req_"), answer.prelude().toString());
        JsonNode error = answer.json().path("error");
        assertFalse(error.path("message").asText("").isEmpty(), answer.body());
        assertFalse(error.path("type").asText("").isEmpty(), answer.body());
        assertTrue(error.has("param"), answer.body());
        assertFalse(answer.body().contains("Exception"), "an exception leaked to the client: " + answer.body());
    }

    private static List<String> ids(JsonNode data) {
        return java.util.stream.StreamSupport.stream(data.spliterator(), false)
                .map(model -> model.path("id").asText()).toList();
    }
}
