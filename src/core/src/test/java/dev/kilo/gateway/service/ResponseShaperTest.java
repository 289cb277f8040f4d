package dev.kilo.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The rewriting every answer and every streamed chunk gets on its way out. */
class ResponseShaperTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MODEL = "deepseek/deepseek-reasoner";

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void wholeSetsModelToServingModelId() {
        ObjectNode body = json("{\"model\": \"deepseek-reasoner\", \"choices\": []}");
        ObjectNode shaped = ResponseShaper.whole(body, MODEL);
        assertSame(body, shaped);
        assertEquals(MODEL, shaped.get("model").asText());
    }

    @Test
    void wholeCopiesReasoningContentToReasoning() {
        ObjectNode shaped = ResponseShaper.whole(json("{\"choices\": [{\"message\": {\"role\": \"assistant\","
                + " \"content\": \"4\", \"reasoning_content\": \"2+2\"}}]}"), MODEL);
        assertEquals("2+2", shaped.at("/choices/0/message/reasoning").asText());
        assertEquals("2+2", shaped.at("/choices/0/message/reasoning_content").asText());
    }

    @Test
    void wholeCopiesReasoningToReasoningContent() {
        ObjectNode shaped = ResponseShaper.whole(json("{\"choices\": [{\"message\": {\"role\": \"assistant\","
                + " \"content\": \"4\", \"reasoning\": \"2+2\"}}]}"), MODEL);
        assertEquals("2+2", shaped.at("/choices/0/message/reasoning_content").asText());
    }

    @Test
    void wholeLeavesMessagesWithoutReasoningAlone() {
        ObjectNode shaped = ResponseShaper.whole(json("{\"choices\": [{\"message\": {\"role\": \"assistant\","
                + " \"content\": \"4\"}}]}"), MODEL);
        assertEquals(json("{\"role\": \"assistant\", \"content\": \"4\"}"), shaped.at("/choices/0/message"));
    }

    @Test
    void wholeDoesNotOverwriteBothReasoningFields() {
        ObjectNode shaped = ResponseShaper.whole(json("{\"choices\": [{\"message\": {\"role\": \"assistant\","
                + " \"reasoning\": \"a\", \"reasoning_content\": \"b\"}}]}"), MODEL);
        assertEquals("a", shaped.at("/choices/0/message/reasoning").asText());
        assertEquals("b", shaped.at("/choices/0/message/reasoning_content").asText());
    }

    @Test
    void wholeAliasesReasoningOnEveryChoice() {
        ObjectNode shaped = ResponseShaper.whole(json("{\"choices\": ["
                + "{\"message\": {\"reasoning_content\": \"r0\"}}, {\"message\": {\"reasoning\": \"r1\"}}]}"), MODEL);
        assertEquals("r0", shaped.at("/choices/0/message/reasoning").asText());
        assertEquals("r1", shaped.at("/choices/1/message/reasoning_content").asText());
    }

    @Test
    void usageOnlyChunkIsHiddenWhenUsageWasNotAsked() {
        ObjectNode chunk = json("{\"choices\": [], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 5}}");
        assertFalse(ResponseShaper.visible(chunk, false));
    }

    @Test
    void usageOnlyChunkIsShownWhenUsageWasAsked() {
        ObjectNode chunk = json("{\"choices\": [], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 5}}");
        assertTrue(ResponseShaper.visible(chunk, true));
    }

    @Test
    void contentChunkWithUsageIsVisibleWhenUsageWasNotAsked() {
        ObjectNode chunk = json("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Hi\"}}],"
                + " \"usage\": {\"prompt_tokens\": 3}}");
        assertTrue(ResponseShaper.visible(chunk, false));
    }

    @Test
    void emptyChoicesChunkWithoutUsageIsVisible() {
        assertTrue(ResponseShaper.visible(json("{\"choices\": [], \"prompt_filter_results\": []}"), false));
    }

    @Test
    void chunkRemovesUsageWhenNotAsked() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Hi\"}}],"
                + " \"usage\": {\"prompt_tokens\": 3}}"), MODEL, false);
        assertFalse(shaped.has("usage"), shaped.toString());
        assertEquals("Hi", shaped.at("/choices/0/delta/content").asText());
    }

    @Test
    void chunkRemovesNullUsageWhenNotAsked() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"Hi\"}}],"
                + " \"usage\": null}"), MODEL, false);
        assertFalse(shaped.has("usage"), shaped.toString());
    }

    @Test
    void chunkKeepsUsageWhenAsked() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"choices\": [], \"usage\": {\"prompt_tokens\": 3}}"), MODEL,
                true);
        assertEquals(3, shaped.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void chunkSetsModelToServingModelId() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"model\": \"deepseek-reasoner\", \"choices\": []}"), MODEL,
                true);
        assertEquals(MODEL, shaped.get("model").asText());
    }

    @Test
    void chunkCopiesDeltaReasoningContentToReasoning() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"choices\": [{\"index\": 0,"
                + " \"delta\": {\"reasoning_content\": \"think\"}}]}"), MODEL, false);
        assertEquals("think", shaped.at("/choices/0/delta/reasoning").asText());
    }

    @Test
    void chunkCopiesDeltaReasoningToReasoningContent() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"choices\": [{\"index\": 0,"
                + " \"delta\": {\"reasoning\": \"think\"}}]}"), MODEL, false);
        assertEquals("think", shaped.at("/choices/0/delta/reasoning_content").asText());
    }

    @Test
    void chunkDoesNotAliasNullReasoningContent() {
        ObjectNode shaped = ResponseShaper.chunk(json("{\"choices\": [{\"index\": 0,"
                + " \"delta\": {\"content\": \"x\", \"reasoning_content\": null}}]}"), MODEL, false);
        assertFalse(shaped.at("/choices/0/delta").has("reasoning"), shaped.toString());
    }
}
