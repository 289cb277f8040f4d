package dev.kilo.gateway.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import org.junit.jupiter.api.Test;

/** Shaping a validated request into the body an OpenAI-compatible upstream receives. */
class OpenAiRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static GatewayRequest chat(String body, boolean stream) {
        return new GatewayRequest(Endpoint.CHAT_COMPLETIONS, json(body), "openai/gpt-4o", stream, false);
    }

    private static final String BASE = "\"model\": \"openai/gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    @Test
    void modelIsReplacedByUpstreamModel() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + "}", false), "gpt-4o-2024-08-06", false, false);
        assertEquals("gpt-4o-2024-08-06", shaped.get("model").asText());
    }

    @Test
    void callersBodyIsNotMutated() {
        GatewayRequest request = chat("{" + BASE + ", \"description\": \"x\", \"reasoning\": {\"effort\": \"high\"}}",
                true);
        ObjectNode before = request.body().deepCopy();
        ObjectNode shaped = OpenAiRequests.shape(request, "gpt-4o", true, false);
        assertNotSame(request.body(), shaped);
        assertEquals(before, request.body());
        assertEquals("openai/gpt-4o", request.body().get("model").asText());
        assertFalse(request.body().has("stream_options"));
    }

    @Test
    void streamForcesIncludeUsage() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + ", \"stream\": true}", true), "gpt-4o", false, false);
        assertTrue(shaped.at("/stream_options/include_usage").booleanValue());
    }

    @Test
    void streamOverridesCallersIncludeUsageFalse() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE
                + ", \"stream\": true, \"stream_options\": {\"include_usage\": false}}", true), "gpt-4o", true, false);
        assertTrue(shaped.at("/stream_options/include_usage").booleanValue());
    }

    @Test
    void nonStreamDoesNotAddStreamOptions() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + "}", false), "gpt-4o", false, false);
        assertFalse(shaped.has("stream_options"), shaped.toString());
    }

    @Test
    void streamKeepsCallersOtherStreamOptions() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE
                + ", \"stream\": true, \"stream_options\": {\"include_obfuscation\": false}}", true), "gpt-4o", true, false);
        assertTrue(shaped.at("/stream_options/include_usage").booleanValue());
        assertTrue(shaped.at("/stream_options/include_obfuscation").isBoolean(), shaped.toString());
        assertFalse(shaped.at("/stream_options/include_obfuscation").booleanValue());
    }

    @Test
    void strictDropsUnknownFields() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE
                + ", \"description\": \"x\", \"transforms\": [\"middle-out\"]}", false), "gpt-4o", true, false);
        assertFalse(shaped.has("description"), shaped.toString());
        assertFalse(shaped.has("transforms"), shaped.toString());
    }

    @Test
    void strictKeepsDocumentedFields() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + ", \"temperature\": 0.2, \"max_tokens\": 10,"
                + " \"tools\": [], \"metadata\": {\"a\": \"b\"}, \"user\": \"u1\", \"stream\": true}", true),
                "gpt-4o", true, false);
        assertEquals(0.2, shaped.get("temperature").asDouble());
        assertEquals(10, shaped.get("max_tokens").asInt());
        assertTrue(shaped.get("tools").isArray());
        assertEquals("b", shaped.at("/metadata/a").asText());
        assertEquals("u1", shaped.get("user").asText());
        assertEquals("Hi", shaped.at("/messages/0/content").asText());
        assertTrue(shaped.get("stream").asBoolean());
        assertTrue(shaped.at("/stream_options/include_usage").asBoolean());
    }

    @Test
    void strictFoldsReasoningEffortIntoReasoningEffort() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + ", \"reasoning\": {\"effort\": \"high\"}}", false),
                "o3", true, false);
        assertEquals("high", shaped.get("reasoning_effort").asText());
        assertFalse(shaped.has("reasoning"), shaped.toString());
    }

    @Test
    void strictFoldsReasoningEnabledIntoMediumEffort() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + ", \"reasoning\": {\"enabled\": true}}", false),
                "o3", true, false);
        assertEquals("medium", shaped.get("reasoning_effort").asText());
        assertFalse(shaped.has("reasoning"));
    }

    @Test
    void strictKeepsExplicitReasoningEffortOverReasoning() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE
                + ", \"reasoning_effort\": \"low\", \"reasoning\": {\"effort\": \"high\"}}", false), "o3", true, false);
        assertEquals("low", shaped.get("reasoning_effort").asText());
        assertFalse(shaped.has("reasoning"));
    }

    @Test
    void nonStrictPassesUnknownFieldsThroughUntouched() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + ", \"description\": \"x\","
                + " \"transforms\": [\"middle-out\"], \"reasoning\": {\"effort\": \"high\"}}", false),
                "gpt-4o", false, false);
        assertEquals("x", shaped.get("description").asText());
        assertEquals(json("{\"t\": [\"middle-out\"]}").get("t"), shaped.get("transforms"));
        assertEquals(json("{\"effort\": \"high\"}"), shaped.get("reasoning"));
        assertFalse(shaped.has("reasoning_effort"));
    }

    @Test
    void strictCompletionKeepsSuffixAndDropsChatOnlyFields() {
        GatewayRequest request = new GatewayRequest(Endpoint.COMPLETIONS,
                json("{\"model\": \"openai/gpt-3.5-turbo-instruct\", \"prompt\": \"a\", \"suffix\": \"z\","
                        + " \"tools\": []}"), "openai/gpt-3.5-turbo-instruct", false, false);
        ObjectNode shaped = OpenAiRequests.shape(request, "gpt-3.5-turbo-instruct", true, false);
        assertEquals("z", shaped.get("suffix").asText());
        assertFalse(shaped.has("tools"));
    }

    @Test
    void strictEmbeddingsKeepOnlyEmbeddingFields() {
        GatewayRequest request = new GatewayRequest(Endpoint.EMBEDDINGS,
                json("{\"model\": \"openai/text-embedding-3-small\", \"input\": \"a\", \"dimensions\": 8,"
                        + " \"temperature\": 1}"), "openai/text-embedding-3-small", false, false);
        ObjectNode shaped = OpenAiRequests.shape(request, "text-embedding-3-small", true, false);
        assertEquals(json("{\"model\": \"text-embedding-3-small\", \"input\": \"a\", \"dimensions\": 8}"), shaped);
    }

    @Test
    void maxTokensBecomesMaxCompletionTokensForProvidersThatWantIt() {
        ObjectNode shaped = OpenAiRequests.shape(chat("{" + BASE + ", \"max_tokens\": 100}", false), "gpt-5", true,
                true);
        assertEquals(100, shaped.get("max_completion_tokens").asInt());
        assertFalse(shaped.has("max_tokens"));
        ObjectNode untouched = OpenAiRequests.shape(chat("{" + BASE + ", \"max_tokens\": 100}", false), "llama", false,
                false);
        assertEquals(100, untouched.get("max_tokens").asInt());
        assertFalse(untouched.has("max_completion_tokens"));
    }
}
