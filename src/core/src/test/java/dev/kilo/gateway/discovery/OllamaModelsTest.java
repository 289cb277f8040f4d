package dev.kilo.gateway.discovery;

import static dev.kilo.gateway.discovery.DiscoveryFixtures.json;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kilo.gateway.error.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ollama's native root, its tags and the details of {@code /api/show}. */
class OllamaModelsTest {

    private static final OllamaModels.Tag QWEN = new OllamaModels.Tag("qwen3:8b", 1746189067L);

    @Test
    void nativeRootDropsTheOpenAiCompatiblePath() {
        assertEquals("http://localhost:11434", OllamaModels.nativeRoot("http://localhost:11434/v1"));
        assertEquals("http://localhost:11434", OllamaModels.nativeRoot("http://localhost:11434/v1/"));
        assertEquals("http://localhost:11434", OllamaModels.nativeRoot("http://localhost:11434/"));
        assertEquals("http://localhost:11434", OllamaModels.nativeRoot(" http://localhost:11434/V1 "));
        assertEquals("https://gpu.example/ollama", OllamaModels.nativeRoot("https://gpu.example/ollama/v1"));
        assertEquals("http://host/api/v10", OllamaModels.nativeRoot("http://host/api/v10"));
    }

    @Test
    void tagsListNamesAndModificationTimes() {
        List<OllamaModels.Tag> tags = OllamaModels.tags("ollama", json("ollama-tags.json"));
        assertEquals(List.of(QWEN, new OllamaModels.Tag("gemma3:4b", 1745140364L),
                new OllamaModels.Tag("nomic-embed-text:latest", 1741712721L)), tags);
    }

    @Test
    void tagsWithoutModelsAreAnInvalidResponse() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> OllamaModels.tags("ollama", parse("{\"error\": \"not found\"}")));
        assertEquals("upstream_invalid_response", e.code());
    }

    @Test
    void showGivesContextAndCapabilities() {
        DiscoveredModel qwen = OllamaModels.fromShow("ollama", QWEN, json("ollama-show-qwen.json"));
        assertEquals("qwen3:8b", qwen.upstreamId());
        assertEquals("qwen3:8b", qwen.name());
        assertEquals(1746189067L, qwen.created());
        assertEquals(40960, qwen.contextLength());
        assertNull(qwen.maxOutputTokens());
        assertEquals(List.of("text"), qwen.inputModalities());
        assertEquals(List.of("text"), qwen.outputModalities());
        assertEquals(List.of("max_tokens", "temperature", "top_p", "stop", "seed", "frequency_penalty",
                "presence_penalty", "response_format", "tools", "reasoning"), qwen.supportedParameters());
        assertEquals(DiscoveredModel.Prices.UNKNOWN, qwen.prices());
        assertNull(qwen.toCatalogModel().pricing());
        assertEquals("ollama-show", qwen.source());
        assertEquals("ollama/qwen3:8b", qwen.toCatalogModel().id());
    }

    @Test
    void visionModelWithASmallerNumCtx() {
        DiscoveredModel gemma = OllamaModels.fromShow("ollama", new OllamaModels.Tag("gemma3:4b", null), parse("""
                {"parameters": "num_ctx                        8192\\nstop \\"<end_of_turn>\\"",
                 "model_info": {"general.architecture": "gemma3", "gemma3.context_length": 131072},
                 "capabilities": ["completion", "vision"]}"""));
        assertEquals(8192, gemma.contextLength());
        assertEquals(List.of("text", "image"), gemma.inputModalities());
        assertEquals(List.of("max_tokens", "temperature", "top_p", "stop", "seed", "frequency_penalty",
                "presence_penalty", "response_format"), gemma.supportedParameters());
    }

    @Test
    void embeddingModelHasNoChatParameters() {
        DiscoveredModel nomic = OllamaModels.fromShow("ollama", new OllamaModels.Tag("nomic-embed-text", null),
                parse("""
                        {"model_info": {"general.architecture": "nomic-bert", "nomic-bert.context_length": 2048},
                         "capabilities": ["embedding"]}"""));
        assertEquals(2048, nomic.contextLength());
        assertEquals(List.of("text"), nomic.inputModalities());
        assertEquals(List.of("embeddings"), nomic.outputModalities());
        assertNull(nomic.supportedParameters());
    }

    @Test
    void olderOllamaWithoutCapabilitiesLeavesThemUnknown() {
        DiscoveredModel old = OllamaModels.fromShow("ollama", QWEN, parse("""
                {"model_info": {"general.architecture": "llama"}}"""));
        assertNull(old.contextLength());
        assertNull(old.inputModalities());
        assertNull(old.outputModalities());
        assertNull(old.supportedParameters());
    }

    @Test
    void numCtxReading() {
        assertEquals(4096, OllamaModels.numCtx("temperature 0.7\nnum_ctx 4096"));
        assertNull(OllamaModels.numCtx("temperature 0.7"));
        assertNull(OllamaModels.numCtx("num_ctx lots"));
        assertNull(OllamaModels.numCtx(null));
    }

    @Test
    void aModelKnownOnlyByItsTag() {
        DiscoveredModel model = OllamaModels.fromTag("ollama", QWEN);
        assertEquals("ollama-tags", model.source());
        assertEquals(1746189067L, model.created());
        assertNull(model.contextLength());
        assertNull(model.supportedParameters());
        assertEquals(DiscoveredModel.Prices.UNKNOWN, model.prices());
    }
}
