package dev.kilo.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoModelsTest {

    static GatewayConfig.Auto config(Optional<String> model, Map<String, String> models) {
        return new GatewayConfig.Auto() {
            @Override
            public Map<String, String> models() {
                return models;
            }

            @Override
            public Optional<String> model() {
                return model;
            }

            @Override
            public String defaultModel() {
                return "kilo/auto";
            }
        };
    }

    @Test
    void theSharedModelServesEveryAutoIdButFree() {
        Map<String, String> mapping = AutoModels.mapping(config(Optional.of("openai/gpt-5-mini"), Map.of()));
        assertEquals("openai/gpt-5-mini", mapping.get("kilo/auto"));
        assertEquals("openai/gpt-5-mini", mapping.get("kilo-auto/frontier"));
        assertNull(mapping.get("kilo-auto/free"), "free is only served by a model configured for it");
    }

    @Test
    void anOwnEntryWinsOverTheSharedModel() {
        Map<String, String> mapping = AutoModels.mapping(config(Optional.of("openai/gpt-5-mini"),
                Map.of("kilo-auto/frontier", "anthropic/claude-opus-4-1", "kilo-auto/free", "ollama/qwen3")));
        assertEquals("anthropic/claude-opus-4-1", mapping.get("kilo-auto/frontier"));
        assertEquals("ollama/qwen3", mapping.get("kilo-auto/free"));
    }

    @Test
    void entriesAreListedWithTheServingModelsLimitsOrMarkedUnavailable() {
        CatalogModel mini = new CatalogModel("openai/gpt-5-mini", "model", 1L, "openai", "GPT-5 mini", null, 400000,
                null, null, null, List.of("tools"));
        List<CatalogModel> entries = AutoModels.entries(Map.of(mini.id(), mini),
                Map.of("kilo-auto/small", "openai/gpt-5-mini"));
        assertEquals("kilo/auto", entries.get(0).id());
        assertEquals(6, entries.size());
        CatalogModel small = entries.stream().filter(e -> e.id().equals("kilo-auto/small")).findFirst().orElseThrow();
        assertEquals(400000, small.contextLength());
        assertTrue(small.supportedParameters().contains("tools"));
        CatalogModel auto = entries.get(0);
        assertEquals(400000, auto.contextLength(), "listed with the widest model with tools");
        assertNull(auto.pricing(), "a routed id's price depends on the request");
        assertTrue(auto.description().contains("Routed per request"));
        CatalogModel free = entries.stream().filter(e -> e.id().equals("kilo-auto/free")).findFirst().orElseThrow();
        assertTrue(free.description().contains("Not available"), "no model priced at zero");
        assertFalse(AutoModels.isAuto("openai/gpt-5-mini"));
        assertTrue(AutoModels.isAuto("kilo/auto:eco"));
    }
}
