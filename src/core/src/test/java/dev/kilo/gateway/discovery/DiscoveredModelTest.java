package dev.kilo.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.catalog.CatalogModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog document a discovered model becomes, and what it leaves out. */
class DiscoveredModelTest {

    private static final DiscoveredModel KNOWN = new DiscoveredModel("openrouter", "qwen/qwen3-coder",
            "Qwen: Qwen3 Coder", "A coder.", 1753230546L, 262144, 65536, List.of("text", "image"), List.of("text"),
            List.of("tools", "temperature"), new DiscoveredModel.Prices("0.00000022", "0.00000095", null, null),
            OpenRouterModelList.SOURCE);

    private static final DiscoveredModel UNKNOWN = new DiscoveredModel("deepseek", "deepseek-chat", "deepseek-chat",
            null, null, null, null, null, null, null, null, OpenAiModelList.SOURCE);

    @Test
    void knownFieldsFillTheCatalogDocument() {
        CatalogModel model = KNOWN.toCatalogModel();
        assertEquals("openrouter/qwen/qwen3-coder", model.id());
        assertEquals("openrouter", model.provider());
        assertEquals("model", model.object());
        assertEquals("openrouter", model.ownedBy());
        assertEquals("Qwen: Qwen3 Coder", model.name());
        assertEquals("A coder.", model.description());
        assertEquals(1753230546L, model.created());
        assertEquals(262144, model.contextLength());
        assertEquals("text+image->text", model.architecture().modality());
        assertEquals(new CatalogModel.Pricing("0.00000022", "0.00000095", null, null), model.pricing());
        assertEquals(new CatalogModel.TopProvider(262144, 65536, null), model.topProvider());
        assertEquals(List.of("tools", "temperature"), model.supportedParameters());
    }

    @Test
    void unknownFieldsAreLeftOutNeverZero() {
        CatalogModel model = UNKNOWN.toCatalogModel();
        assertEquals(DiscoveredModel.Prices.UNKNOWN, UNKNOWN.prices());
        assertFalse(UNKNOWN.prices().known());
        assertNull(model.pricing());
        assertNull(model.architecture());
        assertNull(model.topProvider());
        assertNull(model.supportedParameters());
        JsonNode json = DiscoveryFixtures.MAPPER.valueToTree(model);
        assertEquals("deepseek/deepseek-chat", json.get("id").asText());
        assertEquals("deepseek", json.get("owned_by").asText());
        for (String absent : List.of("pricing", "context_length", "architecture", "top_provider",
                "supported_parameters", "created")) {
            assertFalse(json.has(absent), absent + " in " + json);
        }
    }

    @Test
    void aSingleKnownPriceIsKeptWithoutInventingTheOthers() {
        DiscoveredModel model = new DiscoveredModel("together", "m", "m", null, null, null, null, null, null, null,
                new DiscoveredModel.Prices("0.00000002", null, null, null), OpenAiModelList.SOURCE);
        assertTrue(model.prices().known());
        JsonNode pricing = DiscoveryFixtures.MAPPER.valueToTree(model.toCatalogModel()).get("pricing");
        assertEquals("0.00000002", pricing.get("prompt").asText());
        assertFalse(pricing.has("completion"), pricing.toString());
    }

    @Test
    void halfKnownModalitiesGiveNoModalityString() {
        DiscoveredModel model = new DiscoveredModel("together", "m", "m", null, null, null, null, null,
                List.of("text"), null, null, OpenAiModelList.SOURCE);
        CatalogModel.Architecture architecture = model.toCatalogModel().architecture();
        assertNull(architecture.modality());
        assertNull(architecture.inputModalities());
        assertEquals(List.of("text"), architecture.outputModalities());
    }
}
