package dev.kilo.gateway.provider.anthropic;

import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.assertJson;
import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import org.junit.jupiter.api.Test;

/** OpenAI chat requests translated into Anthropic Messages API requests. */
class AnthropicChatConverterTest {

    private static final String MODEL = "claude-sonnet-4-5";

    private static ObjectNode convert(String json) {
        return AnthropicChatConverter.toAnthropicRequest(request(json), MODEL, 8192);
    }

    private static GatewayException rejected(String json) {
        return assertThrows(GatewayException.class, () -> convert(json));
    }

    private static void assertRejected(String param, String json) {
        GatewayException e = rejected(json);
        assertEquals(400, e.status());
        assertEquals(param, e.param());
    }

    @Test
    void minimalRequestGetsModelAndDefaultMaxTokens() {
        ObjectNode out = convert("""
                {"model": "anthropic/claude", "messages": [{"role": "user", "content": "Hello"}]}""");
        assertJson("""
                {"model": "claude-sonnet-4-5", "max_tokens": 8192,
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Hello"}]}]}""", out);
    }

    @Test
    void toolsGetAnInputSchema() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Go"}], "tools": [
                 {"type": "function", "function": {"name": "get_weather", "description": "Weather of a city",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
                 {"type": "function", "function": {"name": "get_time"}}]}""");
        assertJson("""
                [{"name": "get_weather", "description": "Weather of a city", "input_schema": {"type": "object",
                  "properties": {"city": {"type": "string"}}, "required": ["city"]}},
                 {"name": "get_time", "input_schema": {"type": "object", "properties": {}}}]""", out.get("tools"));
        assertFalse(out.has("tool_choice"));
    }

    @Test
    void customToolsAreRejected() {
        assertRejected("tools[0].type", """
                {"model": "m", "messages": [{"role": "user", "content": "Go"}],
                 "tools": [{"type": "custom", "custom": {"name": "grammar"}}]}""");
    }

    @Test
    void toolChoiceMapsToAnthropicTypes() {
        String[][] cases = {
            {"\"auto\"", "{\"type\": \"auto\"}"},
            {"\"none\"", "{\"type\": \"none\"}"},
            {"\"required\"", "{\"type\": \"any\"}"},
            {"{\"type\": \"function\", \"function\": {\"name\": \"run\"}}", "{\"type\": \"tool\", \"name\": \"run\"}"},
        };
        for (String[] c : cases) {
            ObjectNode out = convert("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Go\"}],"
                    + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"run\"}}], \"tool_choice\": "
                    + c[0] + "}");
            assertJson(c[1], out.get("tool_choice"));
        }
    }

    @Test
    void parallelToolCallsFalseDisablesParallelToolUse() {
        String base = "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"Go\"}],"
                + " \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"run\"}}],"
                + " \"parallel_tool_calls\": false";
        assertJson("{\"type\": \"auto\", \"disable_parallel_tool_use\": true}",
                convert(base + "}").get("tool_choice"));
        assertJson("{\"type\": \"any\", \"disable_parallel_tool_use\": true}",
                convert(base + ", \"tool_choice\": \"required\"}").get("tool_choice"));
        assertJson("{\"type\": \"none\"}", convert(base + ", \"tool_choice\": \"none\"}").get("tool_choice"));
    }

    @Test
    void toolChoiceNeedsTools() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Go"}], "tool_choice": "auto",
                 "parallel_tool_calls": false}""");
        assertFalse(out.has("tool_choice"));
        assertFalse(out.has("tools"));
        assertRejected("tool_choice", """
                {"model": "m", "messages": [{"role": "user", "content": "Go"}], "tool_choice": "required"}""");
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokensWhichWinsOverTheDefault() {
        String messages = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";
        assertEquals(100, convert("{" + messages + ", \"max_tokens\": 200, \"max_completion_tokens\": 100}")
                .get("max_tokens").asInt());
        assertEquals(200, convert("{" + messages + ", \"max_tokens\": 200}").get("max_tokens").asInt());
        ObjectNode defaulted = AnthropicChatConverter.toAnthropicRequest(request("{" + messages + "}"), MODEL, 4096);
        assertEquals(4096, defaulted.get("max_tokens").asInt());
    }

    @Test
    void samplingStopUserAndStreamAreTranslated() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "temperature": 0.7, "top_p": 0.9,
                 "stop": "END", "user": "user-42", "stream": true}""");
        assertJson("""
                {"model": "claude-sonnet-4-5", "max_tokens": 8192,
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}],
                 "temperature": 0.7, "top_p": 0.9, "stop_sequences": ["END"], "metadata": {"user_id": "user-42"},
                 "stream": true}""", out);
        ObjectNode stops = convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "stop": ["a", "b"]}""");
        assertJson("[\"a\", \"b\"]", stops.get("stop_sequences"));
    }

    @Test
    void temperatureAboveOneIsRejectedNotClamped() {
        GatewayException e = rejected("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "temperature": 1.5}""");
        assertEquals("temperature", e.param());
        assertEquals("invalid_value", e.code());
        assertTrue(e.getMessage().contains("Anthropic models accept 0 to 1"), e.getMessage());
        assertEquals(1.0, convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "temperature": 1}""")
                .get("temperature").asDouble());
    }

    @Test
    void neutralValuesWithoutAnthropicEquivalentAreIgnored() {
        ObjectNode out = convert("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "seed": 7, "n": 1,
                 "metadata": {"k": "v"}, "logprobs": false, "presence_penalty": 0, "frequency_penalty": 0,
                 "response_format": {"type": "text"}, "reasoning_effort": "none"}""");
        assertJson("""
                {"model": "claude-sonnet-4-5", "max_tokens": 8192,
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]}""", out);
    }

    @Test
    void parametersAnthropicCannotHonourAreRejected() {
        String messages = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";
        assertRejected("n", "{" + messages + ", \"n\": 2}");
        assertRejected("logprobs", "{" + messages + ", \"logprobs\": true}");
        assertRejected("presence_penalty", "{" + messages + ", \"presence_penalty\": 0.5}");
        assertRejected("frequency_penalty", "{" + messages + ", \"frequency_penalty\": -1}");
    }

    @Test
    void reasoningEffortIsAShareOfMaxTokens() {
        Object[][] cases = {
            {"minimal", 20000, 2000}, {"low", 20000, 4000}, {"medium", 20000, 10000}, {"high", 20000, 16000},
            {"xhigh", 20000, 19000}, {"minimal", 8192, 1024}, {"xhigh", 1100, 1045}, {"low", 1500, 1024},
        };
        for (Object[] c : cases) {
            ObjectNode out = convert("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": "
                    + c[1] + ", \"reasoning_effort\": \"" + c[0] + "\"}");
            assertJson("{\"type\": \"enabled\", \"budget_tokens\": " + c[2] + "}", out.get("thinking"));
        }
    }

    @Test
    void openRouterReasoningObjectSetsTheBudget() {
        String base = "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"max_tokens\": 10000, ";
        assertEquals(3000, convert(base + "\"reasoning\": {\"max_tokens\": 3000}}")
                .at("/thinking/budget_tokens").asInt());
        assertEquals(1024, convert(base + "\"reasoning\": {\"max_tokens\": 100}}")
                .at("/thinking/budget_tokens").asInt());
        assertEquals(9999, convert(base + "\"reasoning\": {\"max_tokens\": 50000}}")
                .at("/thinking/budget_tokens").asInt());
        assertEquals(5000, convert(base + "\"reasoning\": {\"enabled\": true}}").at("/thinking/budget_tokens").asInt());
        assertEquals(2000, convert(base + "\"reasoning\": {\"effort\": \"low\"}}")
                .at("/thinking/budget_tokens").asInt());
        assertFalse(convert(base + "\"reasoning\": {\"enabled\": false}}").has("thinking"));
        assertFalse(convert(base + "\"reasoning\": {\"effort\": \"none\"}}").has("thinking"));
        assertFalse(convert(base + "\"reasoning\": {}}").has("thinking"));
    }

    @Test
    void reasoningNeedsMoreThan1024MaxTokens() {
        GatewayException e = rejected("""
                {"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 1024, "reasoning_effort": "high"}""");
        assertEquals("max_tokens", e.param());
        assertTrue(e.getMessage().contains("must be greater than 1024 when reasoning is enabled for Anthropic models"));
        assertRejected("max_completion_tokens", """
                {"messages": [{"role": "user", "content": "Hi"}], "max_completion_tokens": 500,
                 "reasoning": {"enabled": true}}""");
    }

    @Test
    void reasoningLeavesOutSamplingAndRejectsOtherTemperatures() {
        ObjectNode out = convert("""
                {"messages": [{"role": "user", "content": "Hi"}], "reasoning_effort": "medium",
                 "temperature": 1, "top_p": 0.5}""");
        assertJson("{\"type\": \"enabled\", \"budget_tokens\": 4096}", out.get("thinking"));
        assertFalse(out.has("temperature"));
        assertFalse(out.has("top_p"));
        assertRejected("temperature", """
                {"messages": [{"role": "user", "content": "Hi"}], "reasoning_effort": "medium", "temperature": 0.5}""");
    }

    @Test
    void forcedToolChoiceIsRejectedWithReasoning() {
        assertRejected("tool_choice", """
                {"messages": [{"role": "user", "content": "Go"}], "reasoning_effort": "low",
                 "tools": [{"type": "function", "function": {"name": "run"}}], "tool_choice": "required"}""");
    }

    @Test
    void jsonResponseFormatsBecomeASystemInstruction() {
        ObjectNode schema = convert("""
                {"messages": [{"role": "user", "content": "Hi"}], "response_format": {"type": "json_schema",
                 "json_schema": {"name": "answer",
                   "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}}""");
        String system = schema.get("system").asText();
        assertTrue(system.startsWith("Respond only with a JSON object"), system);
        assertTrue(system.endsWith("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"), system);

        ObjectNode object = convert("""
                {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
                 "response_format": {"type": "json_object"}}""");
        assertEquals(2, object.get("system").size());
        assertEquals("Be brief.", object.at("/system/0/text").asText());
        assertTrue(object.at("/system/1/text").asText().startsWith("Respond only with a JSON object"));
    }

    @Test
    void theCallersBodyIsNotChanged() {
        var request = request("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "tools": [{"type": "function",
                 "function": {"name": "run", "parameters": {"type": "object"}}}], "temperature": 0.2}""");
        JsonNode before = request.body().deepCopy();
        ObjectNode out = AnthropicChatConverter.toAnthropicRequest(request, MODEL, 8192);
        ((ObjectNode) out.at("/tools/0/input_schema")).put("changed", true);
        assertEquals(before, request.body());
    }
}
