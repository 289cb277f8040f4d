package dev.kilo.gateway.functions.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.CatalogStore.StoredModel;
import dev.kilo.gateway.store.Tables;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The function as Lambda drives it: a raw event goes through Quarkus' mock Lambda event server and runtime loop to
 * {@link DiscoveryHandler}, which asks the WireMock providers for their model lists and writes DynamoDB Local. The
 * fakes configure {@code openai} and {@code anthropic} with model lists (so only those models are catalogued) and
 * {@code openrouter} without one (so everything it lists is).
 */
@QuarkusTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiscoveryHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_LIST = "/openai/v1/models";
    private static final String OPENROUTER_LIST = "/openrouter/api/v1/models";
    private static final String ANTHROPIC_LIST = "/anthropic/v1/models";
    private static final String SONNET = "openrouter/anthropic/claude-sonnet-4.5";
    private static final String DEEPSEEK = "openrouter/deepseek/deepseek-chat-v3.1";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    CatalogStore catalog;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    Tables tables;

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        emptyModelsTable();
        stubList(OPENAI_LIST, "openai-models.json");
        stubList(OPENROUTER_LIST, "openrouter-models.json");
        stubList(ANTHROPIC_LIST, "anthropic-models.json");
    }

    @Test
    void scheduledEventCataloguesEveryProvidersModelsWithOpenRouterPrices() {
        JsonNode report = invoke(resource("events/scheduled-event.json"));

        // openai and anthropic: their configured models only; openrouter: everything it lists.
        assertProvider(report, "openai", "ok", 2, 2);
        assertProvider(report, "anthropic", "ok", 1, 1);
        assertProvider(report, "openrouter", "ok", 2, 2);
        assertEquals(5, report.path("writes").asInt());
        assertTrue(report.path("changed").asBoolean());
        assertEquals(0, report.path("failed_providers").asInt());

        CatalogModel sonnet = stored(SONNET).orElseThrow().model();
        assertEquals("0.000003", sonnet.pricing().prompt());
        assertEquals("0.000015", sonnet.pricing().completion());
        assertEquals("0.0000003", sonnet.pricing().inputCacheRead());
        assertEquals(1_000_000, sonnet.contextLength());
        assertEquals(64_000, sonnet.topProvider().maxCompletionTokens());
        assertEquals(List.of("text", "image", "file"), sonnet.architecture().inputModalities());
        assertTrue(sonnet.supportedParameters().contains("tools"));
        assertEquals("0.0000002", stored(DEEPSEEK).orElseThrow().model().pricing().prompt());
        assertTrue(stored("openai/gpt-5-mini").isPresent());
        assertFalse(stored("openai/text-embedding-3-small").isPresent(), "openai lists only its configured models");
        // Each provider is asked with its own key.
        upstream.verify(getRequestedFor(urlPathEqualTo(OPENROUTER_LIST))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamFakes.OPENROUTER_KEY)));
    }

    @Test
    void aSecondIdenticalRunWritesNothingAndKeepsTheCatalogVersion() {
        JsonNode first = invoke(resource("events/scheduled-event.json"));
        JsonNode second = invoke(resource("events/scheduled-event.json"));

        assertEquals(0, second.path("writes").asInt());
        assertFalse(second.path("changed").asBoolean());
        assertEquals(first.path("catalog_version").asLong(), second.path("catalog_version").asLong());
        for (JsonNode provider : second.path("providers")) {
            assertEquals("ok", provider.path("status").asText(), provider.toString());
            assertEquals(0, provider.path("written").asInt(), provider.toString());
        }
        assertEquals(first.path("catalog_version").asLong(), catalog.version().version());
    }

    @Test
    void aFailingProviderIsReportedAndKeepsItsModels() {
        long before = invoke(resource("events/scheduled-event.json")).path("catalog_version").asLong();
        upstream.stubFor(get(urlPathEqualTo(OPENROUTER_LIST)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Internal Server Error\",\"code\":500}}")));

        JsonNode report = invoke(resource("events/scheduled-event.json"));

        JsonNode openrouter = provider(report, "openrouter");
        assertEquals("failed", openrouter.path("status").asText());
        assertEquals("upstream_error", openrouter.path("error_code").asText());
        assertTrue(openrouter.path("error").asText().contains("openrouter"), openrouter.toString());
        assertEquals(2, openrouter.path("models").asInt(), "the models kept");
        assertEquals(1, report.path("failed_providers").asInt());
        assertEquals("ok", provider(report, "openai").path("status").asText());
        // Not wiped, not marked gone: a failed list says nothing about which models exist.
        assertTrue(stored(SONNET).orElseThrow().active());
        assertTrue(stored(DEEPSEEK).orElseThrow().active());
        assertEquals(0, report.path("gone").asInt());
        assertEquals(before, report.path("catalog_version").asLong());
    }

    /** What EventBridge Scheduler sends for the input terraform/schedule.tf gives it, placeholders filled in. */
    @Test
    void theSchedulersEventFromTerraformRefreshes() {
        JsonNode report = invoke(resource("events/scheduler-event.json"));

        assertEquals(3, report.path("providers").size());
        assertTrue(stored(SONNET).isPresent());
    }

    @Test
    void aManualInvokeRefreshesToo() {
        JsonNode report = invoke("{}");

        assertEquals(3, report.path("providers").size());
        assertTrue(stored(SONNET).isPresent());
    }

    /** Posts a raw event to the mock event server, which hands it to the runtime loop and answers with the result. */
    private static JsonNode invoke(String event) {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        String body = given().contentType("application/json").body(event)
                .when().post("http://localhost:" + port + "/_lambda_")
                .then().statusCode(200)
                .extract().asString();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProvider(JsonNode report, String id, String status, int models, int written) {
        JsonNode provider = provider(report, id);
        assertEquals(status, provider.path("status").asText(), provider.toString());
        assertEquals(models, provider.path("models").asInt(), provider.toString());
        assertEquals(written, provider.path("written").asInt(), provider.toString());
    }

    private static JsonNode provider(JsonNode report, String id) {
        for (JsonNode provider : report.path("providers")) {
            if (id.equals(provider.path("provider").asText())) {
                return provider;
            }
        }
        throw new AssertionError("No report for " + id + " in " + report);
    }

    private Optional<StoredModel> stored(String id) {
        return catalog.all().stream().filter(m -> m.model().id().equals(id)).findFirst();
    }

    private void stubList(String path, String fixture) {
        upstream.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(Fixtures.text("discovery/" + fixture))));
    }

    /** Every test starts from an empty catalog (DynamoDB Local lives as long as the test JVM). */
    private void emptyModelsTable() {
        dynamo.scanPaginator(ScanRequest.builder().tableName(tables.models()).build()).items()
                .forEach(item -> dynamo.deleteItem(DeleteItemRequest.builder().tableName(tables.models())
                        .key(Map.of("model_id", item.get("model_id"))).build()));
    }

    private static String resource(String path) {
        try (InputStream in = DiscoveryHandlerTest.class.getResourceAsStream("/" + path)) {
            assertNotNull(in, "no test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
