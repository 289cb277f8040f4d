package dev.kilo.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.discovery.DiscoveredModel.Prices;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The curated registry: how upstream ids find their entry and what enrichment fills (the data file: RegistryDocumentTest). */
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
        ModelRegistry registry = ModelRegistry.of(RegistryDocumentTest.json("""
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
}
