package dev.kilo.gateway.functions.router;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.lambda.FakeRuntimeApi;
import dev.kilo.gateway.lambda.FakeRuntimeApi.Received;
import dev.kilo.gateway.lambda.LambdaEvents;
import dev.kilo.gateway.lambda.LocalForwarder;
import dev.kilo.gateway.lambda.RuntimeApiClient;
import dev.kilo.gateway.lambda.RuntimeLoop;
import dev.kilo.gateway.lambda.StreamedAnswer;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.RoutingStore;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The router function as Lambda drives it: raw events through the fake Runtime API and the shared runtime loop.
 * Schedules and the models table's stream recompile the policy; API Gateway events reach {@code /v1/route}.
 */
@QuarkusTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RouterFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE_EDIT = "{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"add a --verbose flag to cli.py\"}]}";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @Inject
    CatalogStore catalog;

    @Inject
    RoutingStore routing;

    @Inject
    RouterEvents events;

    @TestHTTPResource("/")
    URL app;

    private FakeRuntimeApi runtimeApi;

    @BeforeEach
    void setUp() throws IOException {
        upstream.resetAll();
        runtimeApi = new FakeRuntimeApi();
    }

    @AfterEach
    void tearDown() throws IOException {
        runtimeApi.close();
    }

    @Test
    void aScheduleCompilesThePolicyAndAnswersWithTheReport() throws Exception {
        Received answer = invoke(fixture("scheduled-event.json"));

        assertEquals("/2018-06-01/runtime/invocation/" + lastId + "/response", answer.path());
        JsonNode report = JSON.readTree(answer.body());
        assertTrue(report.path("policy_version").asLong() >= 1, report.toString());
        assertEquals(routing.policyVersion(), report.path("policy_version").asLong());
        assertTrue(report.path("models").asInt() >= 3, report.toString());
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aCatalogChangeOnTheModelsStreamRecompilesWithTheNewModel() throws Exception {
        invoke(fixture("scheduled-event.json"));
        long before = routing.policyVersion();
        CatalogModel added = new CatalogModel("anthropic/claude-haiku-4-5", "model", null, "anthropic",
                "Claude Haiku 4.5", null, 200_000, new CatalogModel.Architecture("text->text",
                        List.of("text", "image"), List.of("text"), null),
                new CatalogModel.Pricing("0.000001", "0.000005", null, null), null, List.of("tools", "reasoning"));
        catalog.putIfChanged(added, "hash-" + UUID.randomUUID(), "test", Instant.now());
        catalog.publish("catalog-" + UUID.randomUUID(), "{}", Instant.now());

        Received answer = invoke(fixture("models-stream.json"));

        JsonNode report = JSON.readTree(answer.body());
        assertEquals(true, report.path("changed").asBoolean(), report.toString());
        assertEquals(before + 1, report.path("policy_version").asLong());
        assertTrue(routing.loadPolicy().orElseThrow().models().stream()
                .anyMatch(m -> m.id().equals("anthropic/claude-haiku-4-5")));
    }

    @Test
    void anUnchangedCatalogKeepsThePolicyVersion() throws Exception {
        invoke(fixture("scheduled-event.json"));
        long before = routing.policyVersion();
        JsonNode report = JSON.readTree(invoke(fixture("scheduled-event.json")).body());
        assertEquals(false, report.path("changed").asBoolean());
        assertEquals(before, report.path("policy_version").asLong());
    }

    @Test
    void postRouteExplainsThroughTheStreamingBridge() throws Exception {
        invoke(fixture("scheduled-event.json"));
        String bearer = TestKeys.bearer(keys, "router-function");
        StreamedAnswer answer = StreamedAnswer.of(invoke(LambdaEvents.FUNCTION_URL.event("POST", "/v1/route", bearer,
                CODE_EDIT)));

        assertEquals(200, answer.status(), answer.body());
        JsonNode decision = answer.json().path("decision");
        assertEquals("code_edit", decision.path("task_class").asText());
        assertTrue(decision.path("chosen").asText().contains("/"), decision.toString());
        assertTrue(decision.path("reasons").size() >= 3, decision.toString());
        upstream.verify(0, anyRequestedFor(anyUrl()));

        String requestId = answer.header("x-request-id");
        StreamedAnswer found = awaitRecord(requestId, bearer);
        assertEquals(decision.path("chosen").asText(), found.json().path("decision").path("chosen").asText());
    }

    @Test
    void anEventNoHandlerTakesIsAnInvocationError() throws Exception {
        Received answer = invoke("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"body\":\"x\"}]}".getBytes());
        assertEquals("/2018-06-01/runtime/invocation/" + lastId + "/error", answer.path());
    }

    @Test
    void acceptsOnlySchedulesAndDynamoDbStreams() throws Exception {
        assertTrue(events.accepts(JSON.readTree(fixture("scheduled-event.json"))));
        assertTrue(events.accepts(JSON.readTree(fixture("models-stream.json"))));
        assertTrue(!events.accepts(JSON.readTree("{\"httpMethod\":\"GET\"}")));
    }

    private String lastId;

    private Received invoke(byte[] event) throws Exception {
        lastId = UUID.randomUUID().toString();
        runtimeApi.enqueue(lastId, "Root=1-5759e988-bd862e3fe1be46a994272793", event);
        new RuntimeLoop(new RuntimeApiClient(runtimeApi.address()),
                new LocalForwarder(app.getPort(), Duration.ofSeconds(5)), List.of(events)).runOnce();
        return runtimeApi.take();
    }

    private StreamedAnswer awaitRecord(String requestId, String bearer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        StreamedAnswer answer;
        do {
            answer = StreamedAnswer.of(invoke(LambdaEvents.REST_API.event("GET", "/v1/route/" + requestId, bearer,
                    null)));
            if (answer.status() == 200) {
                return answer;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no decision record for " + requestId + ": " + answer.body());
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = RouterFunctionTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }
}
