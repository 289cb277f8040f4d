package dev.kilo.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.discovery.DiscoveredModel.Prices;
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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The curated registry: how upstream ids find their entry, what enrichment fills, and the data file's own rules. */
class ModelRegistryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ModelRegistry REGISTRY = ModelRegistry.load(MAPPER);

    private static RegistryEntry find(String provider, String id) {
        Optional<RegistryEntry> entry = REGISTRY.find(provider, id);
        assertTrue(entry.isPresent(), provider + "/" + id + " is not in the registry");
        return entry.get();
    }

    private static DiscoveredModel listed(String provider, String id, String source) {
        return new DiscoveredModel(provider, id, id, null, null, null, null, null, null, null, null, source);
    }

    // --- finding ---

    @Test
    void exactIdFindsTheEntryWithTheProvidersPrices() {
        RegistryEntry entry = find("openai", "gpt-5-mini");
        assertEquals("gpt-5-mini", entry.id());
        assertEquals("GPT-5 mini", entry.name());
        assertEquals(400000, entry.contextLength());
        assertEquals(128000, entry.maxOutputTokens());
        assertEquals(new Prices("0.00000025", "0.000002", "0.000000025", null), entry.prices());
        assertTrue(entry.has(RegistryEntry.TOOLS));
        assertTrue(entry.has(RegistryEntry.REASONING));
        assertEquals("2026-11-24", REGISTRY.version());
    }

    @Test
    void idsAreComparedWithoutCase() {
        assertEquals("claude-sonnet-4-5", find("anthropic", "Claude-Sonnet-4-5").id());
    }

    @Test
    void aliasFindsItsEntry() {
        RegistryEntry entry = find("anthropic", "claude-sonnet-4-5-20250929");
        assertEquals("claude-sonnet-4-5", entry.id());
        assertEquals(new Prices("0.000003", "0.000015", "0.0000003", "0.00000375"), entry.prices());
        assertEquals("claude-sonnet-4-5", find("anthropic", "claude-sonnet-4.5").id());
        assertEquals("claude-sonnet-4", find("anthropic", "claude-sonnet-4-0").id());
        assertEquals("gpt-oss-120b", find("ollama", "gpt-oss:120b").id());
        assertEquals("llama-3.3-70b-instruct", find("groq", "llama-3.3-70b-versatile").id());
    }

    @Test
    void aDatedSuffixFindsTheUndatedEntryWithoutAnAlias() {
        assertEquals("o3", find("openai", "o3-2026-01-15").id());
        assertEquals("gpt-4.1", find("openai", "gpt-4.1-20260101").id());
        assertEquals("claude-sonnet-4", find("anthropic", "claude-sonnet-4@20250514").id());
        assertEquals("gpt-5-mini", find("openai", "gpt-5-mini-2026-03-01").id());
        // Only a date is removed: a dated snapshot of a model the registry does not know stays unknown.
        assertTrue(REGISTRY.find("openai", "gpt-5-pro-2025-10-06").isEmpty());
    }

    @Test
    void aFamilyPrefixFindsIdsTheRegistryDoesNotList() {
        assertEquals("grok-code-fast-1", find("xai", "grok-code-fast-1-0825").id());
        assertEquals("claude-haiku-4-5", find("anthropic", "claude-haiku-4-5-thinking").id());
        assertEquals("gpt-5-codex", find("openai", "gpt-5-codex-latest").id());
    }

    @Test
    void aFamilyNeverLendsItsPriceToADifferentModel() {
        // gpt-5-codex-mini is cheaper than gpt-5-codex; gpt-5-pro costs far more than gpt-5.
        assertTrue(REGISTRY.find("openai", "gpt-5-codex-mini").isEmpty());
        assertTrue(REGISTRY.find("openai", "gpt-5-pro").isEmpty());
        assertTrue(REGISTRY.find("openai", "gpt-4.1-nano").isEmpty());
        assertTrue(REGISTRY.find("mistral", "codestral-embed").isEmpty());
    }

    @Test
    void theLongestFamilyPrefixWins() {
        ModelRegistry registry = ModelRegistry.of(json("""
                {"version": "t", "sources": {"s": {"title": "t", "url": "https://example.com"}},
                 "families": [{"prefix": "m", "inherits": "m"}, {"prefix": "m-large", "inherits": "m-large"}],
                 "models": [{"id": "m", "providers": ["p"], "source": "s", "context_length": 1000},
                            {"id": "m-large", "providers": ["p"], "source": "s", "context_length": 2000}]}
                """));
        assertEquals("m-large", registry.find("p", "m-large-v2").orElseThrow().id());
        assertEquals("m", registry.find("p", "m-small").orElseThrow().id());
    }

    @Test
    void aVendorPathFallsBackToItsLastSegment() {
        assertEquals("gpt-oss-120b", find("groq", "openai/gpt-oss-120b").id());
        assertEquals("qwen3-coder-480b-a35b-instruct",
                find("fireworks", "accounts/fireworks/models/qwen3-coder-480b-a35b-instruct").id());
        assertEquals("qwen3-coder-480b-a35b-instruct",
                find("together", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8").id());
        assertEquals("llama-3.3-70b-instruct", find("openrouter", "meta-llama/llama-3.3-70b-instruct").id());
        assertEquals("kimi-k2-instruct-0905", find("groq", "moonshotai/kimi-k2-instruct-0905").id());
        assertEquals("gemini-2.5-pro", find("gemini", "models/gemini-2.5-pro").id());
        assertTrue(REGISTRY.find("groq", "openai/").isEmpty());
    }

    @Test
    void eachProviderGetsItsOwnPrice() {
        assertEquals(new Prices("0.00000059", "0.00000079", null, null),
                find("groq", "llama-3.3-70b-versatile").prices());
        assertEquals(new Prices("0.00000088", "0.00000088", null, null),
                find("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo").prices());
        assertEquals(new Prices("0.00000015", "0.0000006", null, null), find("groq", "openai/gpt-oss-120b").prices());
        // Fireworks serves the weights, but the registry has no Fireworks price: unknown, not Groq's.
        RegistryEntry fireworks = find("fireworks", "accounts/fireworks/models/gpt-oss-120b");
        assertTrue(fireworks.servedBy("fireworks"));
        assertEquals(Prices.UNKNOWN, fireworks.prices());
        assertEquals(131072, fireworks.contextLength());
    }

    @Test
    void aProviderTheEntryDoesNotNameGetsCapabilitiesButNoPrice() {
        RegistryEntry entry = find("custom", "gpt-5-mini");
        assertFalse(entry.servedBy("custom"));
        assertEquals(Prices.UNKNOWN, entry.prices());
        assertFalse(entry.prices().known());
        assertEquals(400000, entry.contextLength());
        assertTrue(entry.has(RegistryEntry.VISION));

        DiscoveredModel enriched = REGISTRY.enrich(listed("openrouter", "openai/gpt-5-mini", "openrouter-models"));
        assertEquals(Prices.UNKNOWN, enriched.prices());
        assertNull(enriched.toCatalogModel().pricing());
        assertEquals(400000, enriched.contextLength());
        assertTrue(enriched.supportedParameters().contains("tools"));
    }

    @Test
    void anUnknownModelStaysUnknownAndUnpriced() {
        assertTrue(REGISTRY.find("openai", "gpt-9-ultra").isEmpty());
        assertTrue(REGISTRY.find("openai", "").isEmpty());
        assertTrue(REGISTRY.find("openai", null).isEmpty());

        DiscoveredModel unknown = listed("openai", "gpt-9-ultra", OpenAiModelList.SOURCE);
        DiscoveredModel enriched = REGISTRY.enrich(unknown);
        assertSame(unknown, enriched);
        assertEquals(Prices.UNKNOWN, enriched.prices());
        assertNull(enriched.prices().prompt());
        assertNull(enriched.prices().completion());
        assertEquals(OpenAiModelList.SOURCE, enriched.source());
        CatalogModel catalog = enriched.toCatalogModel();
        assertNull(catalog.pricing());
        assertFalse(MAPPER.valueToTree(catalog).has("pricing"));
    }

    @Test
    void aModelWithoutARegistryPriceIsNotPricedAtZero() {
        DiscoveredModel enriched = REGISTRY.enrich(listed("deepseek", "deepseek-chat", OpenAiModelList.SOURCE));
        assertEquals(Prices.UNKNOWN, enriched.prices());
        assertNull(enriched.toCatalogModel().pricing());
        assertTrue(enriched.supportedParameters().contains("tools"));
        assertEquals(OpenAiModelList.SOURCE + ModelRegistry.MARKER, enriched.source());
    }

    // --- enriching ---

    @Test
    void enrichFillsWhatTheListLeftOut() {
        DiscoveredModel fromList = new DiscoveredModel("anthropic", "claude-sonnet-4-5-20250929", "Claude Sonnet 4.5",
                null, 1759104000L, null, null, null, null, null, null, AnthropicModelList.SOURCE);
        DiscoveredModel enriched = REGISTRY.enrich(fromList);
        assertEquals("Claude Sonnet 4.5", enriched.name());
        assertEquals(1759104000L, enriched.created());
        assertEquals(200000, enriched.contextLength());
        assertEquals(64000, enriched.maxOutputTokens());
        assertEquals(List.of("text", "image", "file"), enriched.inputModalities());
        assertEquals(List.of("text"), enriched.outputModalities());
        assertEquals(new Prices("0.000003", "0.000015", "0.0000003", "0.00000375"), enriched.prices());
        assertEquals(AnthropicModelList.SOURCE + "+registry", enriched.source());
        assertEquals(List.of("include_reasoning", "max_tokens", "reasoning", "stop", "temperature", "tool_choice",
                "tools", "top_p"), enriched.supportedParameters());

        CatalogModel catalog = enriched.toCatalogModel();
        assertEquals("anthropic/claude-sonnet-4-5-20250929", catalog.id());
        assertEquals(new CatalogModel.Pricing("0.000003", "0.000015", "0.0000003", "0.00000375"), catalog.pricing());
        assertEquals(new CatalogModel.TopProvider(200000, 64000, null), catalog.topProvider());
        assertEquals("text+image+file->text", catalog.architecture().modality());
    }

    @Test
    void supportedParametersFollowCapabilities() {
        List<String> gpt5 = REGISTRY.enrich(listed("openai", "gpt-5", OpenAiModelList.SOURCE)).supportedParameters();
        assertEquals(List.of("include_reasoning", "max_tokens", "reasoning", "response_format", "structured_outputs",
                "tool_choice", "tools"), gpt5);
        List<String> gpt41 = find("openai", "gpt-4.1").supportedParameters();
        assertTrue(gpt41.containsAll(List.of("max_tokens", "temperature", "top_p", "stop", "tools", "tool_choice",
                "response_format", "structured_outputs")));
        assertFalse(gpt41.contains("reasoning"));
        List<String> llama = find("groq", "llama-3.3-70b-versatile").supportedParameters();
        assertEquals(List.of("max_tokens", "stop", "temperature", "tool_choice", "tools", "top_p"), llama);
    }

    @Test
    void enrichNeverOverridesWhatTheProviderSaid() {
        DiscoveredModel fromList = new DiscoveredModel("groq", "llama-3.3-70b-versatile", "Llama 3.3 70B Versatile",
                "Groq's description.", 1733447754L, 32768, 8192, List.of("text", "image"), List.of("text"),
                List.of("temperature"), new Prices("0.0000006", null, null, null), OpenAiModelList.SOURCE);
        DiscoveredModel enriched = REGISTRY.enrich(fromList);
        assertEquals("Llama 3.3 70B Versatile", enriched.name());
        assertEquals("Groq's description.", enriched.description());
        assertEquals(32768, enriched.contextLength());
        assertEquals(8192, enriched.maxOutputTokens());
        assertEquals(List.of("text", "image"), enriched.inputModalities());
        assertEquals(List.of("text"), enriched.outputModalities());
        assertEquals(List.of("temperature"), enriched.supportedParameters());
        // The provider's own prompt price stays; only the missing completion price is filled (Groq's own).
        assertEquals(new Prices("0.0000006", "0.00000079", null, null), enriched.prices());
        assertEquals(OpenAiModelList.SOURCE + "+registry", enriched.source());
    }

    @Test
    void aModelTheListFullyDescribedIsLeftAsItIs() {
        DiscoveredModel full = new DiscoveredModel("openai", "gpt-5-mini", "GPT-5 mini (listed)", null, null, 1, 2,
                List.of("text"), List.of("text"), List.of("tools"), new Prices("1", "2", "3", "4"),
                OpenAiModelList.SOURCE);
        assertSame(full, REGISTRY.enrich(full));
    }

    @Test
    void aNameThatIsOnlyTheIdIsReplacedAndEnrichingTwiceChangesNothing() {
        DiscoveredModel once = REGISTRY.enrich(listed("openai", "gpt-5-mini-2025-08-07", OpenAiModelList.SOURCE));
        assertEquals("GPT-5 mini", once.name());
        assertEquals("gpt-5-mini-2025-08-07", once.upstreamId());
        assertEquals(OpenAiModelList.SOURCE + "+registry", once.source());
        assertEquals(once, REGISTRY.enrich(once));
    }

    // --- the data file ---

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

    private static JsonNode json(String text) {
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
