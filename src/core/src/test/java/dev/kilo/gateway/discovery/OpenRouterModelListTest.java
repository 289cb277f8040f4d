package dev.kilo.gateway.discovery;

import static dev.kilo.gateway.discovery.DiscoveryFixtures.find;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.json;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.error.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenRouter's rich list: prices as strings, "0" free, negative unknown. */
class OpenRouterModelListTest {

    private final List<DiscoveredModel> models = OpenRouterModelList.parse("openrouter",
            json("openrouter-models.json"));

    @Test
    void everyFieldMapsOneToOne() {
        assertEquals(4, models.size());
        DiscoveredModel sonnet = find(models, "anthropic/claude-sonnet-4.5");
        assertEquals("Anthropic: Claude Sonnet 4.5", sonnet.name());
        assertEquals(1759161676L, sonnet.created());
        assertEquals(1000000, sonnet.contextLength());
        assertEquals(64000, sonnet.maxOutputTokens());
        assertEquals(List.of("text", "image", "file"), sonnet.inputModalities());
        assertEquals(List.of("text"), sonnet.outputModalities());
        assertEquals(new DiscoveredModel.Prices("0.000003", "0.000015", "0.0000003", "0.00000375"),
                sonnet.prices());
        assertEquals(11, sonnet.supportedParameters().size());
        assertEquals("tools", sonnet.supportedParameters().get(8));
        assertEquals("openrouter-models", sonnet.source());
        assertEquals("openrouter/anthropic/claude-sonnet-4.5", sonnet.toCatalogModel().id());
    }

    @Test
    void freeModelCostsZeroAndUnstatedCachePricesStayUnknown() {
        DiscoveredModel free = find(models, "deepseek/deepseek-chat-v3.1:free");
        assertEquals("0", free.prices().prompt());
        assertEquals("0", free.prices().completion());
        assertNull(free.prices().cacheRead());
        assertNull(free.prices().cacheWrite());
        assertNull(free.maxOutputTokens());
        CatalogModel.Pricing pricing = free.toCatalogModel().pricing();
        assertEquals("0", pricing.prompt());
        assertEquals("0", pricing.completion());
    }

    @Test
    void negativePriceIsUnknown() {
        DiscoveredModel auto = find(models, "openrouter/auto");
        assertEquals(DiscoveredModel.Prices.UNKNOWN, auto.prices());
        assertNull(auto.toCatalogModel().pricing());
        assertEquals(List.of(), auto.supportedParameters());
        assertEquals(List.of("text", "image"), auto.inputModalities());
    }

    @Test
    void imageInputReachesTheCatalogArchitecture() {
        CatalogModel.Architecture architecture = find(models, "anthropic/claude-sonnet-4.5").toCatalogModel()
                .architecture();
        assertEquals("text+image+file->text", architecture.modality());
        assertEquals(List.of("text", "image", "file"), architecture.inputModalities());
        assertEquals(List.of("text"), find(models, "qwen/qwen3-coder").toCatalogModel().architecture()
                .inputModalities());
    }

    @Test
    void contextFallsBackToTopProviderAndUnreadablePricesAreUnknown() {
        DiscoveredModel model = OpenRouterModelList.parse("kilo", parse("""
                {"data": [{"id": "x/y", "top_provider": {"context_length": 8192},
                           "pricing": {"prompt": "free", "completion": 0.000002, "input_cache_read": ""}}]}"""))
                .get(0);
        assertEquals(8192, model.contextLength());
        assertNull(model.prices().prompt());
        assertEquals("0.000002", model.prices().completion());
        assertNull(model.prices().cacheRead());
        assertEquals("x/y", model.name());
        assertNull(model.supportedParameters());
        assertNull(model.inputModalities());
    }

    @Test
    void aBodyWithoutDataIsAnInvalidResponse() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> OpenRouterModelList.parse("openrouter", parse("[{\"id\": \"a\"}]")));
        assertEquals("upstream_invalid_response", e.code());
    }
}
