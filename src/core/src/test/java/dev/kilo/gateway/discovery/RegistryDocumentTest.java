package dev.kilo.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The curated registry's data file: its own rules, the models it must cover, and what loading refuses. */
class RegistryDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ModelRegistry REGISTRY = ModelRegistry.load(MAPPER);

    /** The gateway's provider ids, from the presets in core's configuration. */
    private static Set<String> gatewayProviders() throws IOException {
        Set<String> ids = new HashSet<>();
        try (InputStream in = ModelRegistry.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            assertNotNull(in);
            Matcher m = Pattern.compile("(?m)^gateway\\.providers\\.([a-z0-9-]+)\\.")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        assertTrue(ids.containsAll(List.of("openai", "anthropic", "gemini", "groq")), ids.toString());
        return ids;
    }

    private static JsonNode document() throws IOException {
        try (InputStream in = ModelRegistry.class.getResourceAsStream(ModelRegistry.RESOURCE)) {
            assertNotNull(in, "model-registry.json is on the classpath");
            return MAPPER.readTree(in);
        }
    }

    @Test
    void theDataFileIsValid() throws IOException {
        JsonNode root = document();
        assertTrue(root.path("version").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
        assertFalse(root.path("description").asText().isBlank());
        assertEquals("USD per token as decimal strings; context and output in tokens", root.path("units").asText());
        Set<String> declared = new HashSet<>();
        root.path("capabilities").forEach(c -> declared.add(c.asText()));
        assertEquals(RegistryEntry.CAPABILITIES, declared);

        Set<String> sources = new HashSet<>();
        root.path("sources").fields().forEachRemaining(source -> {
            sources.add(source.getKey());
            assertFalse(source.getValue().path("title").asText().isBlank(), source.getKey());
            assertTrue(source.getValue().path("url").asText().startsWith("https://"), source.getKey());
        });
        Set<String> gateway = gatewayProviders();

        Map<String, String> owners = new HashMap<>();
        Set<String> usedSources = new HashSet<>();
        int models = 0;
        for (JsonNode model : root.path("models")) {
            models++;
            String id = model.path("id").asText();
            assertFalse(id.isBlank());
            assertTrue(sources.contains(model.path("source").asText()), id + " source");
            usedSources.add(model.path("source").asText());

            List<String> names = new ArrayList<>(List.of(id));
            model.path("aliases").forEach(alias -> names.add(alias.asText()));
            for (String name : names) {
                String before = owners.put(name.toLowerCase(Locale.ROOT), id);
                assertNull(before, name + " is used by " + before + " and " + id);
            }

            Set<String> capabilities = new HashSet<>();
            model.path("capabilities").forEach(c -> capabilities.add(c.asText()));
            assertTrue(RegistryEntry.CAPABILITIES.containsAll(capabilities), id + " capabilities " + capabilities);
            if (model.has("input_modalities")) {
                Set<String> input = new HashSet<>();
                model.path("input_modalities").forEach(m -> input.add(m.asText()));
                assertTrue(Set.of("text", "image", "file", "audio").containsAll(input), id + " " + input);
                assertEquals(input.contains("image"), capabilities.contains(RegistryEntry.VISION),
                        id + ": vision and image input go together");
            } else {
                assertFalse(capabilities.contains(RegistryEntry.VISION), id + ": vision without modalities");
            }
            for (String limit : List.of("context_length", "max_output_tokens")) {
                if (model.has(limit)) {
                    assertTrue(model.get(limit).isInt() && model.get(limit).asInt() > 0, id + " " + limit);
                }
            }

            Set<String> providers = new HashSet<>();
            model.path("providers").forEach(p -> providers.add(p.asText()));
            assertFalse(providers.isEmpty(), id + " names no provider");
            JsonNode pricing = model.path("pricing");
            if (pricing.isMissingNode()) {
                continue;
            }
            boolean flat = ModelRegistry.PRICE_FIELDS.stream().anyMatch(pricing::has);
            Map<String, JsonNode> byProvider = new HashMap<>();
            if (flat) {
                providers.forEach(p -> byProvider.put(p, pricing));
            } else {
                pricing.fields().forEachRemaining(e -> byProvider.put(e.getKey(), e.getValue()));
            }
            byProvider.forEach((provider, prices) -> {
                assertTrue(providers.contains(provider), id + " prices " + provider + ", not one of its providers");
                assertTrue(gateway.contains(provider), id + " prices " + provider + ", not a gateway provider");
                if (prices.has("source")) {
                    assertTrue(sources.contains(prices.get("source").asText()), id + " price source");
                    usedSources.add(prices.get("source").asText());
                }
                prices.fields().forEachRemaining(price -> {
                    if (price.getKey().equals("source")) {
                        return;
                    }
                    assertTrue(ModelRegistry.PRICE_FIELDS.contains(price.getKey()), id + " " + price.getKey());
                    assertTrue(price.getValue().isTextual(), id + " " + price.getKey() + " is a string");
                    String text = price.getValue().asText();
                    BigDecimal value = new BigDecimal(text);
                    assertTrue(value.signum() >= 0, id + " " + price.getKey() + " is negative");
                    assertEquals(value.toPlainString(), text, id + " " + price.getKey() + " is a plain decimal");
                    // Per token, not per million: nothing here costs $1,000 per million tokens or more.
                    assertTrue(value.compareTo(new BigDecimal("0.001")) < 0, id + " " + price.getKey() + " " + text);
                });
            });
        }
        assertTrue(models >= 25, "models: " + models);
        assertEquals(sources, usedSources, "every source is used");

        for (JsonNode family : root.path("families")) {
            String prefix = family.path("prefix").asText();
            assertFalse(prefix.isBlank());
            assertTrue(owners.containsKey(family.path("inherits").asText()), prefix + " inherits from no model");
        }
        assertEquals(models, REGISTRY.entries().size());
    }

    @Test
    void theRequestedModelsAreCovered() {
        for (String[] model : new String[][] {
                {"openai", "gpt-5"}, {"openai", "gpt-5-mini"}, {"openai", "gpt-5-nano"}, {"openai", "gpt-5-codex"},
                {"openai", "gpt-4.1"}, {"openai", "gpt-4.1-mini"}, {"openai", "o3"}, {"openai", "o4-mini"},
                {"anthropic", "claude-opus-4-1"}, {"anthropic", "claude-opus-4-5"},
                {"anthropic", "claude-sonnet-4-5"}, {"anthropic", "claude-sonnet-4"},
                {"anthropic", "claude-haiku-4-5"}, {"anthropic", "claude-3-5-haiku"},
                {"gemini", "gemini-2.5-pro"}, {"gemini", "gemini-2.5-flash"}, {"gemini", "gemini-2.5-flash-lite"},
                {"deepseek", "deepseek-chat"}, {"deepseek", "deepseek-reasoner"},
                {"xai", "grok-4"}, {"xai", "grok-code-fast-1"},
                {"mistral", "codestral-2508"}, {"mistral", "devstral-medium-2507"}, {"mistral", "mistral-large-2411"},
                {"groq", "openai/gpt-oss-120b"}, {"groq", "openai/gpt-oss-20b"}, {"groq", "llama-3.3-70b-versatile"},
                {"groq", "moonshotai/kimi-k2-instruct"},
                {"fireworks", "accounts/fireworks/models/qwen3-coder-480b-a35b-instruct"}}) {
            assertTrue(REGISTRY.find(model[0], model[1]).isPresent(), model[0] + "/" + model[1]);
        }
    }

    // --- what loading rejects ---

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String document(String model) {
        return """
                {"version": "t", "sources": {"s": {"title": "t", "url": "https://example.com"}},
                 "models": [%s]}
                """.formatted(model);
    }

    @Test
    void loadingRejectsWhatWouldMakeTheRegistryLie() {
        Map<String, String> broken = Map.of(
                "negative price", """
                        {"id": "m", "providers": ["p"], "source": "s", "pricing": {"prompt": "-0.000001"}}""",
                "unparsable price", """
                        {"id": "m", "providers": ["p"], "source": "s", "pricing": {"prompt": "free"}}""",
                "price for a provider not named", """
                        {"id": "m", "providers": ["p"], "source": "s", "pricing": {"q": {"prompt": "0.000001"}}}""",
                "price without provider", """
                        {"id": "m", "providers": [], "source": "s", "pricing": {"prompt": "0.000001"}}""",
                "unknown capability", """
                        {"id": "m", "providers": ["p"], "source": "s", "capabilities": ["telepathy"]}""",
                "undefined source", """
                        {"id": "m", "providers": ["p"], "source": "nowhere"}""",
                "duplicate alias", """
                        {"id": "m", "providers": ["p"], "source": "s"},
                        {"id": "n", "aliases": ["M"], "providers": ["p"], "source": "s"}""");
        broken.forEach((what, model) -> assertThrows(IllegalStateException.class,
                () -> ModelRegistry.of(json(document(model))), what));
        assertThrows(IllegalStateException.class, () -> ModelRegistry.of(json("""
                {"version": "t", "sources": {}, "families": [{"prefix": "x", "inherits": "nothing"}], "models": []}
                """)));
    }
}
