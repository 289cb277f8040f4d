package dev.kilo.gateway.provider.anthropic;

import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.assertJson;
import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import org.junit.jupiter.api.Test;

/**
 * OpenAI {@code messages} translated into Anthropic's system prompt and alternating turns, through
 * {@link AnthropicChatConverter#toAnthropicRequest}.
 */
class AnthropicMessagesTest {

    private static ObjectNode convert(String json) {
        return AnthropicChatConverter.toAnthropicRequest(request(json), "claude-sonnet-4-5", 8192);
    }

    private static void assertRejected(String param, String json) {
        GatewayException e = assertThrows(GatewayException.class, () -> convert(json));
        assertEquals(400, e.status());
        assertEquals(param, e.param());
    }

    @Test
    void oneSystemMessageBecomesTheSystemString() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": "Hi"}]}""");
        assertJson("\"Be brief.\"", out.get("system"));
        assertEquals(1, out.get("messages").size());
    }

    @Test
    void systemAndDeveloperMessagesBecomeSystemBlocksInOrder() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [
                 {"role": "system", "content": "First."},
                 {"role": "user", "content": "Hi"},
                 {"role": "developer", "content": [{"type": "text", "text": "Second."}]}]}""");
        assertJson("""
                [{"type": "text", "text": "First."}, {"type": "text", "text": "Second."}]""", out.get("system"));
        assertJson("""
                [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]""", out.get("messages"));
    }

    @Test
    void cacheControlIsKeptOnSystemAndUserParts() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [
                 {"role": "system", "content": [{"type": "text", "text": "Long prompt",
                   "cache_control": {"type": "ephemeral"}}]},
                 {"role": "user", "content": [{"type": "text", "text": "Q",
                   "cache_control": {"type": "ephemeral"}}]}]}""");
        assertJson("""
                [{"type": "text", "text": "Long prompt", "cache_control": {"type": "ephemeral"}}]""",
                out.get("system"));
        assertJson("""
                {"type": "text", "text": "Q", "cache_control": {"type": "ephemeral"}}""",
                out.at("/messages/0/content/0"));
    }

    @Test
    void systemMessagesAcceptOnlyText() {
        assertRejected("messages[0].content[0].type", """
                {"model": "m", "messages": [{"role": "system", "content": [{"type": "image_url",
                 "image_url": {"url": "https://example.com/a.png"}}]}, {"role": "user", "content": "Hi"}]}""");
    }

    @Test
    void userPartsBecomeTextAndImageBlocks() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": [
                 {"type": "text", "text": "What is in these images?"},
                 {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                 {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg", "detail": "high"}}]}]}""");
        assertJson("""
                [{"type": "text", "text": "What is in these images?"},
                 {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}},
                 {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}]""",
                out.at("/messages/0/content"));
    }

    @Test
    void inlinePdfBecomesADocumentAndOtherPartsAreRejected() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": [{"type": "file",
                 "file": {"filename": "a.pdf", "file_data": "data:application/pdf;base64,JVBERi0x"}}]}]}""");
        assertJson("""
                {"type": "document",
                 "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBERi0x"}}""",
                out.at("/messages/0/content/0"));
        assertRejected("messages[0].content[0].file", """
                {"model": "m", "messages": [{"role": "user", "content": [{"type": "file",
                 "file": {"file_id": "file-abc"}}]}]}""");
        assertRejected("messages[0].content[1].type", """
                {"model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"},
                 {"type": "input_audio", "input_audio": {"data": "AAA=", "format": "wav"}}]}]}""");
    }

    @Test
    void assistantTextComesBeforeToolUseWithParsedArguments() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [
                 {"role": "user", "content": "Weather in Paris?"},
                 {"role": "assistant", "content": "Let me check.", "tool_calls": [
                  {"id": "call_1", "type": "function",
                   "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}},
                  {"id": "call_2", "type": "function", "function": {"name": "get_time", "arguments": ""}}]}]}""");
        assertJson("""
                {"role": "assistant", "content": [
                 {"type": "text", "text": "Let me check."},
                 {"type": "tool_use", "id": "call_1", "name": "get_weather", "input": {"city": "Paris"}},
                 {"type": "tool_use", "id": "call_2", "name": "get_time", "input": {}}]}""", out.at("/messages/1"));
    }

    @Test
    void assistantWithoutTextHasOnlyToolUse() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Go"},
                 {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "run", "arguments": "{}"}}]}]}""");
        assertEquals(1, out.at("/messages/1/content").size());
        assertEquals("tool_use", out.at("/messages/1/content/0/type").asText());
    }

    @Test
    void unparseableToolArgumentsNameTheParameter() {
        assertRejected("messages[1].tool_calls[0].function.arguments", """
                {"model": "m", "messages": [{"role": "user", "content": "Go"},
                 {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                  "function": {"name": "run", "arguments": "{not json"}}]}]}""");
        assertRejected("messages[1].tool_calls[1].function.arguments", """
                {"model": "m", "messages": [{"role": "user", "content": "Go"},
                 {"role": "assistant", "tool_calls": [
                  {"id": "call_1", "type": "function", "function": {"name": "run", "arguments": "{}"}},
                  {"id": "call_2", "type": "function", "function": {"name": "run", "arguments": "[1, 2]"}}]}]}""");
    }

    @Test
    void consecutiveToolMessagesMergeIntoOneUserTurnBeforeUserText() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [
                 {"role": "user", "content": "Weather and time?"},
                 {"role": "assistant", "tool_calls": [
                  {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{}"}},
                  {"id": "call_2", "type": "function", "function": {"name": "time", "arguments": "{}"}}]},
                 {"role": "tool", "tool_call_id": "call_1", "content": "Sunny"},
                 {"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text", "text": "12:00"}]},
                 {"role": "user", "content": "Thanks, and tomorrow?"}]}""");
        assertEquals(3, out.get("messages").size());
        assertJson("""
                {"role": "user", "content": [
                 {"type": "tool_result", "tool_use_id": "call_1", "content": "Sunny"},
                 {"type": "tool_result", "tool_use_id": "call_2", "content": [{"type": "text", "text": "12:00"}]},
                 {"type": "text", "text": "Thanks, and tomorrow?"}]}""", out.at("/messages/2"));
    }

    @Test
    void toolResultsGoBeforeTextOfTheSameUserTurn() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [
                 {"role": "assistant", "tool_calls": [
                  {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": "{}"}}]},
                 {"role": "user", "content": "Here is the result:"},
                 {"role": "tool", "tool_call_id": "call_1", "content": "Sunny"}]}""");
        assertEquals("tool_result", out.at("/messages/1/content/0/type").asText());
        assertEquals("text", out.at("/messages/1/content/1/type").asText());
    }

    @Test
    void consecutiveSameRoleMessagesMergeAndEmptyOnesAreDropped() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [
                 {"role": "user", "content": "One"}, {"role": "user", "content": "Two"},
                 {"role": "assistant", "content": "Three"}, {"role": "assistant", "content": ""},
                 {"role": "assistant", "content": "Four"}]}""");
        assertJson("""
                [{"role": "user", "content": [{"type": "text", "text": "One"}, {"type": "text", "text": "Two"}]},
                 {"role": "assistant",
                  "content": [{"type": "text", "text": "Three"}, {"type": "text", "text": "Four"}]}]""",
                out.get("messages"));
    }

    @Test
    void legacyFunctionsAreRejected() {
        assertRejected("messages[1].role", """
                {"model": "m", "messages": [{"role": "user", "content": "Go"},
                 {"role": "function", "name": "run", "content": "done"}]}""");
        assertRejected("functions", """
                {"model": "m", "messages": [{"role": "user", "content": "Go"}], "functions": [{"name": "run"}]}""");
    }
}
