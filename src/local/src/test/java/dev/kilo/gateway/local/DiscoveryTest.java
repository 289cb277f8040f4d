package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.discovery.DiscoveryReport;
import dev.kilo.gateway.discovery.DiscoveryReport.ProviderReport;
import dev.kilo.gateway.discovery.DiscoveryService;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Discovery against the providers' list endpoints (faked with their recorded shapes) into DynamoDB Local, and what
 * {@code /v1/models} serves afterwards.
 */
@QuarkusTest
class DiscoveryTest {

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    DiscoveryService discovery;

    @Inject
    ModelCatalog catalog;

    @Inject
    KeyService keys;

    void stubLists() {
        upstream.resetAll();
        upstream.stubFor(get(urlPathEqualTo("/openai/v1/models"))
                .willReturn(okJson(Fixtures.text("discovery/openai-models.json"))));
        upstream.stubFor(get(urlPathEqualTo("/openrouter/api/v1/models"))
                .willReturn(okJson(Fixtures.text("discovery/openrouter-models.json"))));
        upstream.stubFor(get(urlPathEqualTo("/anthropic/v1/models")).withQueryParam("after_id", absent())
                .willReturn(okJson(Fixtures.text("discovery/anthropic-models-page1.json"))));
        upstream.stubFor(get(urlPathEqualTo("/anthropic/v1/models"))
                .withQueryParam("after_id", equalTo("claude-haiku-4-5-20251001"))
                .willReturn(okJson(Fixtures.text("discovery/anthropic-models-page2.json"))));
    }

    static ProviderReport provider(DiscoveryReport report, String id) {
        return report.providers().stream().filter(p -> p.provider().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void discoveryFillsTheCatalogWritesOnlyChangesAndSurvivesAFailingProvider() {
        stubLists();
        DiscoveryReport first = discovery.refresh();
        assertEquals(0, first.failedProviders(), first.toString());
        assertEquals(4, provider(first, "openrouter").models());
        // openai and anthropic have configured model lists: exactly those are served, enriched.
        assertEquals(2, provider(first, "openai").models());
        catalog.reload();
        String auth = TestKeys.bearer(keys, "discovery");

        given().header("Authorization", auth).get("/v1/models?provider=openrouter").then().statusCode(200)
                .body("data.id", hasItem("openrouter/anthropic/claude-sonnet-4.5"))
                .body("data.find { it.id == 'openrouter/anthropic/claude-sonnet-4.5' }.pricing.prompt",
                        org.hamcrest.Matchers.equalTo("0.000003"))
                .body("data.find { it.id == 'openrouter/anthropic/claude-sonnet-4.5' }.context_length",
                        org.hamcrest.Matchers.equalTo(1000000))
                .body("data.find { it.id == 'openrouter/deepseek/deepseek-chat-v3.1:free' }.pricing.prompt",
                        org.hamcrest.Matchers.equalTo("0"))
                // A variable price ("-1") is unknown: no pricing at all rather than a made-up number.
                .body("data.find { it.id == 'openrouter/openrouter/auto' }.pricing", nullValue())
                .body("data.owned_by", everyItem(org.hamcrest.Matchers.equalTo("openrouter")));

        DiscoveryReport second = discovery.refresh();
        assertEquals(0, second.writes(), "nothing changed, nothing written: " + second);
        assertFalse(second.changed());
        assertEquals(first.catalogVersion(), second.catalogVersion());

        upstream.stubFor(get(urlPathEqualTo("/openrouter/api/v1/models"))
                .willReturn(aResponse().withStatus(500).withBody("<html>Bad gateway</html>")));
        DiscoveryReport failing = discovery.refresh();
        ProviderReport openrouter = provider(failing, "openrouter");
        assertEquals(ProviderReport.FAILED, openrouter.status());
        assertEquals("upstream_error", openrouter.errorCode());
        assertEquals(4, openrouter.models(), "its last good models are kept");
        assertEquals(1, failing.failedProviders());
        catalog.reload();
        given().header("Authorization", auth).get("/v1/models?provider=openrouter").then().statusCode(200)
                .body("data.id", hasItem("openrouter/qwen/qwen3-coder"));
    }

    @Test
    void modelsCanBeFilteredByCapabilityAndKiloAutoIsListed() {
        stubLists();
        discovery.refresh();
        catalog.reload();
        String auth = TestKeys.bearer(keys, "filters");
        given().header("Authorization", auth).get("/v1/models?capability=vision").then().statusCode(200)
                .body("data.id", hasItem("openrouter/anthropic/claude-sonnet-4.5"))
                .body("data.id", not(hasItem("openrouter/qwen/qwen3-coder")));
        given().header("Authorization", auth).get("/v1/models?capability=free").then().statusCode(200)
                .body("data.id", hasItem("openrouter/deepseek/deepseek-chat-v3.1:free"))
                .body("data.id", not(hasItem("openrouter/anthropic/claude-sonnet-4.5")));
        given().header("Authorization", auth).get("/v1/models?capability=telepathy").then().statusCode(400)
                .body("error.param", org.hamcrest.Matchers.equalTo("capability"));
        given().header("Authorization", auth).get("/v1/models").then().statusCode(200)
                .body("data[0].id", org.hamcrest.Matchers.equalTo("kilo/auto"))
                .body("data[0].description", org.hamcrest.Matchers.containsString("router"));
        given().header("Authorization", auth).get("/v1/models/kilo/auto").then().statusCode(200);
    }

    @Test
    void configuredModelsAreEnrichedFromTheRegistry() {
        stubLists();
        discovery.refresh();
        catalog.reload();
        var gpt5mini = catalog.find("openai/gpt-5-mini").orElseThrow();
        assertTrue(gpt5mini.pricing() != null && gpt5mini.pricing().prompt() != null,
                "priced from the curated registry: " + gpt5mini);
        assertTrue(gpt5mini.supportedParameters().contains("tools"));
    }

    @Test
    void concurrentRefreshesConvergeOnOneCatalog() throws Exception {
        stubLists();
        discovery.refresh();
        // The same content from two refreshes at once: conditional writes let at most one of them write.
        upstream.stubFor(get(urlPathEqualTo("/openrouter/api/v1/models"))
                .willReturn(okJson(Fixtures.text("discovery/openrouter-models.json").replace(
                        "\"context_length\": 262144", "\"context_length\": 131072"))));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(discovery::refresh);
            var second = pool.submit(discovery::refresh);
            DiscoveryReport a = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
            DiscoveryReport b = second.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, a.failedProviders() + b.failedProviders());
            // One model changed; whichever run writes it first wins, the other's conditional put is refused.
            assertEquals(1, provider(a, "openrouter").written() + provider(b, "openrouter").written(),
                    a + " / " + b);
        } finally {
            pool.shutdownNow();
        }
        catalog.reload();
        assertEquals(131072, catalog.find("openrouter/qwen/qwen3-coder").orElseThrow().contextLength());
        DiscoveryReport after = discovery.refresh();
        assertEquals(0, after.writes(), "both runs left the same, complete catalog");
    }

    @Test
    void aModelAProviderStopsListingIsMarkedGoneAndStaysListedDuringGrace() throws Exception {
        stubLists();
        discovery.refresh();
        var list = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Fixtures.text("discovery/openrouter-models.json"));
        var data = (com.fasterxml.jackson.databind.node.ArrayNode) list.get("data");
        for (int i = data.size() - 1; i >= 0; i--) {
            if (data.get(i).path("id").asText().equals("qwen/qwen3-coder")) {
                data.remove(i);
            }
        }
        upstream.stubFor(get(urlPathEqualTo("/openrouter/api/v1/models")).willReturn(okJson(list.toString())));
        DiscoveryReport report = discovery.refresh();
        assertEquals(1, provider(report, "openrouter").gone());
        catalog.reload();
        assertTrue(catalog.find("openrouter/qwen/qwen3-coder").isPresent(), "listed during the grace period");
        stubLists();
        DiscoveryReport back = discovery.refresh();
        assertEquals(1, provider(back, "openrouter").written(), "listed again: active again");
    }
}
