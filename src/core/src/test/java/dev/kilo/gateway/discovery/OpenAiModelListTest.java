package dev.kilo.gateway.discovery;

import static dev.kilo.gateway.discovery.DiscoveryFixtures.find;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.json;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.error.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI-compatible lists: OpenAI itself, Together's bare array, Groq's and Gemini's additions. */
class OpenAiModelListTest {

    @Test
    void openAiModelsHaveIdsAndDatesButNoPrices() {
        List<DiscoveredModel> models = OpenAiModelList.parse("openai", json("openai-models.json"));
        assertEquals(10, models.size());
        assertEquals("gpt-5-mini", models.get(0).upstreamId());
        for (DiscoveredModel model : models) {
            assertEquals(DiscoveredModel.Prices.UNKNOWN, model.prices(), model.upstreamId());
            assertNull(model.prices().prompt(), model.upstreamId());
            assertNull(model.toCatalogModel().pricing(), model.upstreamId());
            assertNull(model.contextLength(), model.upstreamId());
            assertNull(model.supportedParameters(), model.upstreamId());
            assertEquals("openai-models", model.source());
        }
        DiscoveredModel mini = models.get(0);
        assertEquals("gpt-5-mini", mini.name());
        assertEquals(1754425928L, mini.created());
        assertNull(mini.inputModalities());
        assertNull(mini.outputModalities());
    }

    @Test
    void openAiNonChatModelsAreKeptAndMarkedByTheirIds() {
        List<DiscoveredModel> models = OpenAiModelList.parse("openai", json("openai-models.json"));
        assertModalities(find(models, "text-embedding-3-small"), List.of("text"), List.of("embeddings"));
        assertModalities(find(models, "whisper-1"), List.of("audio"), List.of("text"));
        assertModalities(find(models, "tts-1-hd"), List.of("text"), List.of("audio"));
        assertModalities(find(models, "gpt-4o-mini-tts"), List.of("text"), List.of("audio"));
        assertModalities(find(models, "dall-e-3"), List.of("text"), List.of("image"));
        assertModalities(find(models, "omni-moderation-latest"), List.of("text", "image"), List.of("moderation"));
        assertModalities(find(models, "davinci-002"), List.of("text"), List.of("text"));
        assertModalities(find(models, "babbage-002"), List.of("text"), List.of("text"));
        assertNull(find(models, "gpt-4o").inputModalities());
    }

    @Test
    void togetherBareArrayWithPricesPerMillionTokens() {
        List<DiscoveredModel> models = OpenAiModelList.parse("together", json("together-models.json"));
        assertEquals(4, models.size());
        DiscoveredModel llama = find(models, "meta-llama/Llama-3.3-70B-Instruct-Turbo");
        assertEquals("Meta Llama 3.3 70B Instruct Turbo", llama.name());
        assertEquals(131072, llama.contextLength());
        assertEquals(1733443923L, llama.created());
        assertEquals("0.00000088", llama.prices().prompt());
        assertEquals("0.00000088", llama.prices().completion());
        assertNull(llama.prices().cacheRead());
        assertNull(llama.prices().cacheWrite());
        assertNull(llama.inputModalities());
        assertEquals(List.of("text"), llama.outputModalities());
        assertEquals("0.00000125", find(models, "deepseek-ai/DeepSeek-V3").prices().prompt());
    }

    @Test
    void togetherZeroPricesAreUnknownNotFree() {
        List<DiscoveredModel> models = OpenAiModelList.parse("together", json("together-models.json"));
        DiscoveredModel embedding = find(models, "BAAI/bge-large-en-v1.5");
        assertEquals("0.00000002", embedding.prices().prompt());
        assertNull(embedding.prices().completion());
        assertModalities(embedding, List.of("text"), List.of("embeddings"));
        DiscoveredModel flux = find(models, "black-forest-labs/FLUX.1-schnell");
        assertEquals(DiscoveredModel.Prices.UNKNOWN, flux.prices());
        assertNull(flux.toCatalogModel().pricing());
        assertNull(flux.contextLength());
        assertModalities(flux, List.of("text"), List.of("image"));
    }

    @Test
    void groqContextWindowAndCompletionLimit() {
        List<DiscoveredModel> models = OpenAiModelList.parse("groq", json("groq-models.json"));
        DiscoveredModel llama = find(models, "llama-3.3-70b-versatile");
        assertEquals(131072, llama.contextLength());
        assertEquals(32768, llama.maxOutputTokens());
        assertEquals(DiscoveredModel.Prices.UNKNOWN, llama.prices());
        assertEquals(65536, find(models, "openai/gpt-oss-120b").maxOutputTokens());
        assertModalities(find(models, "whisper-large-v3"), List.of("audio"), List.of("text"));
        assertModalities(find(models, "playai-tts"), List.of("text"), List.of("audio"));
    }

    @Test
    void geminiIdsLoseTheirModelsPrefix() {
        List<DiscoveredModel> models = OpenAiModelList.parse("gemini", json("gemini-models.json"));
        assertEquals(List.of("gemini-2.5-flash", "gemini-2.5-pro", "gemini-embedding-001"),
                models.stream().map(DiscoveredModel::upstreamId).toList());
        DiscoveredModel flash = models.get(0);
        assertEquals("Gemini 2.5 Flash", flash.name());
        assertNull(flash.created());
        assertEquals("gemini/gemini-2.5-flash", flash.toCatalogModel().id());
        assertModalities(models.get(2), List.of("text"), List.of("embeddings"));
    }

    @Test
    void mistralCapabilitiesAndContext() {
        List<DiscoveredModel> models = OpenAiModelList.parse("mistral", parse("""
                {"object": "list", "data": [
                  {"id": "pixtral-large-latest", "object": "model", "created": 1751356800, "owned_by": "mistralai",
                   "capabilities": {"completion_chat": true, "completion_fim": false, "function_calling": true,
                                    "fine_tuning": false, "vision": true, "classification": false},
                   "name": "pixtral-large-2411", "description": "Official pixtral-large-2411 Mistral AI model",
                   "max_context_length": 131072, "aliases": ["pixtral-large-2411"], "deprecation": null,
                   "default_model_temperature": 0.7, "type": "base"},
                  {"id": "codestral-latest", "object": "model", "created": 1751356800, "owned_by": "mistralai",
                   "capabilities": {"completion_chat": true, "completion_fim": true, "function_calling": true,
                                    "fine_tuning": true, "vision": false, "classification": false},
                   "max_context_length": 256000, "type": "base"}]}"""));
        DiscoveredModel pixtral = models.get(0);
        assertEquals(131072, pixtral.contextLength());
        assertEquals("Official pixtral-large-2411 Mistral AI model", pixtral.description());
        assertModalities(pixtral, List.of("text", "image"), List.of("text"));
        assertModalities(models.get(1), List.of("text"), List.of("text"));
        assertEquals(256000, models.get(1).contextLength());
    }

    @Test
    void vllmAndFireworksFields() {
        DiscoveredModel vllm = OpenAiModelList.parse("vllm", parse("""
                {"object": "list", "data": [{"id": "Qwen/Qwen3-8B", "object": "model", "created": 1746000000,
                 "owned_by": "vllm", "root": "Qwen/Qwen3-8B", "parent": null, "max_model_len": 32768,
                 "permission": []}]}""")).get(0);
        assertEquals(32768, vllm.contextLength());
        DiscoveredModel fireworks = OpenAiModelList.parse("fireworks", parse("""
                {"object": "list", "data": [{"id": "accounts/fireworks/models/qwen2p5-vl-32b-instruct",
                 "object": "model", "owned_by": "fireworks", "created": 1743392739, "kind": "HF_BASE_MODEL",
                 "supports_chat": true, "supports_image_input": true, "supports_tools": false,
                 "context_length": 128000}]}""")).get(0);
        assertEquals(128000, fireworks.contextLength());
        assertModalities(fireworks, List.of("text", "image"), List.of("text"));
    }

    @Test
    void entriesWithoutAnIdAreSkippedAndOddFieldsAreUnknown() {
        List<DiscoveredModel> models = OpenAiModelList.parse("custom", parse("""
                {"data": [{"object": "model"}, {"id": ""},
                          {"id": "m", "created": 0, "context_length": "big", "max_completion_tokens": -1}]}"""));
        assertEquals(1, models.size());
        assertNull(models.get(0).created());
        assertNull(models.get(0).contextLength());
        assertNull(models.get(0).maxOutputTokens());
    }

    @Test
    void aBodyOfAnotherShapeIsAnInvalidResponse() {
        for (String body : List.of("{\"error\": {\"message\": \"nope\"}}", "{\"data\": {}}", "\"models\"")) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> OpenAiModelList.parse("openai", parse(body)));
            assertEquals("upstream_invalid_response", e.code(), body);
            assertTrue(e.getMessage().contains("'openai'"), e.getMessage());
        }
    }

    private static void assertModalities(DiscoveredModel model, List<String> input, List<String> output) {
        assertEquals(input, model.inputModalities(), model.upstreamId());
        assertEquals(output, model.outputModalities(), model.upstreamId());
    }
}
