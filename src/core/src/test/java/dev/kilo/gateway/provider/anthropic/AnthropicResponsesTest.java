package dev.kilo.gateway.provider.anthropic;

import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.assertJson;
import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whole Anthropic messages, as recorded in the fixtures, translated into OpenAI chat completions. */
class AnthropicResponsesTest {

    private static ObjectNode response(String fixture) {
        ObjectNode out = AnthropicChatConverter.toOpenAiResponse(json(fixture), "claude-sonnet-4-5");
        long created = out.get("created").asLong();
        assertTrue(Math.abs(Instant.now().getEpochSecond() - created) < 5);
        out.remove("created");
        return out;
    }

    @Test
    void textMessage() {
        assertJson("""
                {"id": "msg_013Zva2CMHLNnXjNJJKqJ2EF", "object": "chat.completion", "model": "claude-sonnet-4-5",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi! My name is Claude."},
                   "logprobs": null, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 2095, "completion_tokens": 503, "total_tokens": 2598,
                   "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0}}}""",
                response("message-text.json"));
    }

    @Test
    void toolUseMessage() {
        ObjectNode out = response("message-tool-use.json");
        assertJson("""
                {"role": "assistant", "content": "I'll check the current weather in San Francisco for you.",
                 "tool_calls": [{"id": "toolu_01A09q90qw90lq917835lq9", "type": "function",
                   "function": {"name": "get_weather",
                     "arguments": "{\\"location\\":\\"San Francisco, CA\\",\\"unit\\":\\"celsius\\"}"}}]}""",
                out.at("/choices/0/message"));
        assertEquals("tool_calls", out.at("/choices/0/finish_reason").asText());
        assertEquals(473, out.at("/usage/total_tokens").asInt());
    }

    @Test
    void thinkingMessage() {
        ObjectNode out = response("message-thinking.json");
        String thinking = "To approach this, let's think about what we know about prime numbers...";
        JsonNode message = out.at("/choices/0/message");
        assertEquals("Yes, there are infinitely many prime numbers such that...", message.get("content").asText());
        assertEquals(thinking, message.get("reasoning_content").asText());
        assertEquals(thinking, message.get("reasoning").asText());
        assertFalse(message.has("tool_calls"));
    }

    @Test
    void cachedTokensCountAsPromptTokens() {
        ObjectNode out = response("message-cache-usage.json");
        assertJson("""
                {"prompt_tokens": 189131, "completion_tokens": 393, "total_tokens": 189524,
                 "prompt_tokens_details": {"cached_tokens": 1024, "cache_write_tokens": 188086}}""", out.get("usage"));
        assertEquals("length", out.at("/choices/0/finish_reason").asText());
        assertFalse(out.at("/choices/0/message").has("reasoning_content"));
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        String[][] cases = {
            {"end_turn", "stop"}, {"stop_sequence", "stop"}, {"pause_turn", "stop"}, {"max_tokens", "length"},
            {"tool_use", "tool_calls"}, {"refusal", "content_filter"},
        };
        for (String[] c : cases) {
            ObjectNode message = (ObjectNode) json("message-text.json");
            message.put("stop_reason", c[0]);
            ObjectNode out = AnthropicChatConverter.toOpenAiResponse(message, "m");
            assertEquals(c[1], out.at("/choices/0/finish_reason").asText(), c[0]);
        }
    }

    @Test
    void messageWithoutTextHasNullContent() {
        ObjectNode message = (ObjectNode) json("message-tool-use.json");
        ((ArrayNode) message.get("content")).remove(0);
        ObjectNode out = AnthropicChatConverter.toOpenAiResponse(message, "m");
        assertTrue(out.at("/choices/0/message/content").isNull());
        assertEquals(1, out.at("/choices/0/message/tool_calls").size());
    }
}
