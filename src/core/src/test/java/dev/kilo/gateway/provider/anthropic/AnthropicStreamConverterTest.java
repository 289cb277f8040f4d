package dev.kilo.gateway.provider.anthropic;

import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.assertJson;
import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.parse;
import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.sse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded Anthropic SSE transcripts translated into OpenAI chat completion chunks. */
class AnthropicStreamConverterTest {

    private static final String MODEL = "claude-sonnet-4-5";

    private static List<ObjectNode> convert(String fixture) {
        AnthropicStreamConverter converter = new AnthropicStreamConverter("anthropic", MODEL);
        List<ObjectNode> chunks = new ArrayList<>();
        for (AnthropicFixtures.Event event : sse(fixture)) {
            chunks.addAll(converter.onEvent(event.name(), event.json()));
        }
        return chunks;
    }

    /** Every chunk names the same message, time and model. */
    private static void assertSameHeader(List<ObjectNode> chunks, String id) {
        long created = chunks.get(0).get("created").asLong();
        for (ObjectNode chunk : chunks) {
            assertEquals(id, chunk.get("id").asText());
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            assertEquals(created, chunk.get("created").asLong());
            assertEquals(MODEL, chunk.get("model").asText());
        }
    }

    private static String joined(List<ObjectNode> chunks, String pointer) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at(pointer).asText("")));
        return text.toString();
    }

    @Test
    void textStream() {
        List<ObjectNode> chunks = convert("stream-text.sse");
        assertSameHeader(chunks, "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY");
        List<JsonNode> choices = chunks.stream().map(chunk -> (JsonNode) chunk.get("choices")).toList();
        assertJson("""
                [[{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": null}],
                 [{"index": 0, "delta": {"content": "Hello"}, "finish_reason": null}],
                 [{"index": 0, "delta": {"content": "!"}, "finish_reason": null}],
                 [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                 []]""", AnthropicFixtures.MAPPER.valueToTree(choices));
        assertJson("""
                {"prompt_tokens": 25, "completion_tokens": 15, "total_tokens": 40,
                 "prompt_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0}}""",
                chunks.get(4).get("usage"));
    }

    @Test
    void toolUseStreamNumbersToolCallsAndPassesPartialJson() {
        List<ObjectNode> chunks = convert("stream-tool-use.sse");
        assertSameHeader(chunks, "msg_014p7gG3wDgGV9EUtLvnow3U");
        assertEquals("Okay, let's check the weather for San Francisco, CA:",
                joined(chunks, "/choices/0/delta/content"));

        List<JsonNode> calls = new ArrayList<>();
        chunks.forEach(chunk -> chunk.at("/choices/0/delta/tool_calls").forEach(calls::add));
        assertJson("""
                {"index": 0, "id": "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "type": "function",
                 "function": {"name": "get_weather", "arguments": ""}}""", calls.get(0));
        assertJson("{\"index\": 0, \"function\": {\"arguments\": \"{\\\"location\\\":\"}}", calls.get(1));
        StringBuilder first = new StringBuilder();
        StringBuilder second = new StringBuilder();
        for (JsonNode call : calls) {
            (call.get("index").asInt() == 0 ? first : second).append(call.at("/function/arguments").asText());
        }
        assertEquals(parse("{\"location\": \"San Francisco, CA\", \"unit\": \"fahrenheit\"}"), parse(first.toString()));
        assertEquals(parse("{\"timezone\": \"America/Los_Angeles\"}"), parse(second.toString()));
        JsonNode secondStart = calls.stream().filter(call -> call.has("id") && call.get("index").asInt() == 1)
                .findFirst().orElseThrow();
        assertEquals("toolu_01WNsBNYb4aHm3FhKxGzP8Qq", secondStart.get("id").asText());
        assertEquals("get_time", secondStart.at("/function/name").asText());

        ObjectNode finish = chunks.get(chunks.size() - 2);
        assertEquals("tool_calls", finish.at("/choices/0/finish_reason").asText());
        assertEquals(561, chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt());
    }

    @Test
    void thinkingStreamCarriesReasoningUnderBothNames() {
        List<ObjectNode> chunks = convert("stream-thinking.sse");
        assertSameHeader(chunks, "msg_01RLdJ4pLHLZgwF6hGbQt5ht");
        String expected = "I need to find the GCD of 1071 and 462 using the Euclidean algorithm."
                + "\n\n1071 = 2 × 462 + 147\n462 = 3 × 147 + 21\n147 = 7 × 21 + 0\n\nSo GCD(1071, 462) = 21";
        assertEquals(expected, joined(chunks, "/choices/0/delta/reasoning_content"));
        assertEquals(expected, joined(chunks, "/choices/0/delta/reasoning"));
        assertEquals("The greatest common divisor of 1071 and 462 is **21**.",
                joined(chunks, "/choices/0/delta/content"));
        for (ObjectNode chunk : chunks) {
            assertTrue(!chunk.toString().contains("signature") && !chunk.toString().contains("EqQB"), chunk.toString());
        }
        // role, two thinking deltas, one text delta, finish, usage: the signature delta adds nothing.
        assertEquals(6, chunks.size());
        assertJson("""
                {"prompt_tokens": 2086, "completion_tokens": 264, "total_tokens": 2350,
                 "prompt_tokens_details": {"cached_tokens": 2048, "cache_write_tokens": 0}}""",
                chunks.get(5).get("usage"));
    }

    @Test
    void overloadedErrorMidStreamFailsWith503AfterTheTextSoFar() {
        AnthropicStreamConverter converter = new AnthropicStreamConverter("anthropic", MODEL);
        List<AnthropicFixtures.Event> events = sse("stream-overloaded.sse");
        List<ObjectNode> chunks = new ArrayList<>();
        for (AnthropicFixtures.Event event : events.subList(0, events.size() - 1)) {
            chunks.addAll(converter.onEvent(event.name(), event.json()));
        }
        assertEquals("Once upon", joined(chunks, "/choices/0/delta/content"));
        AnthropicFixtures.Event error = events.get(events.size() - 1);
        assertEquals("error", error.name());
        GatewayException e = assertThrows(GatewayException.class, () -> converter.onEvent(error.name(), error.json()));
        assertEquals(503, e.status());
        assertEquals("upstream_overloaded", e.code());
        assertTrue(e.getMessage().contains("'anthropic'") && e.getMessage().contains("Overloaded"), e.getMessage());
    }

    @Test
    void eventsWithoutANameAreReadByTheirDataType() {
        AnthropicStreamConverter converter = new AnthropicStreamConverter("anthropic", MODEL);
        List<ObjectNode> chunks = new ArrayList<>();
        for (AnthropicFixtures.Event event : sse("stream-text.sse")) {
            chunks.addAll(converter.onEvent(null, event.json()));
        }
        assertEquals(5, chunks.size());
        assertEquals("Hello!", joined(chunks, "/choices/0/delta/content"));
    }

    @Test
    void pingsStopsAndUnknownEventsProduceNothing() {
        AnthropicStreamConverter converter = new AnthropicStreamConverter("anthropic", MODEL);
        assertTrue(converter.onEvent("ping", parse("{\"type\": \"ping\"}")).isEmpty());
        assertTrue(converter.onEvent("content_block_stop", parse("{\"type\": \"content_block_stop\", \"index\": 0}"))
                .isEmpty());
        assertTrue(converter.onEvent("some_future_event", parse("{\"type\": \"some_future_event\"}")).isEmpty());
        assertTrue(converter.onEvent("content_block_delta", parse("""
                {"type": "content_block_delta", "index": 0,
                 "delta": {"type": "signature_delta", "signature": "EqQB"}}""")).isEmpty());
    }

    @Test
    void cumulativeUsageInMessageDeltaReplacesTheStartCounts() {
        AnthropicStreamConverter converter = new AnthropicStreamConverter("anthropic", MODEL);
        converter.onEvent("message_start", parse("""
                {"type": "message_start", "message": {"id": "msg_1", "type": "message", "role": "assistant",
                 "content": [], "model": "claude", "usage": {"input_tokens": 10, "cache_read_input_tokens": 5,
                 "cache_creation_input_tokens": 0, "output_tokens": 1}}}"""));
        converter.onEvent("message_delta", parse("""
                {"type": "message_delta", "delta": {"stop_reason": "max_tokens", "stop_sequence": null},
                 "usage": {"input_tokens": 10, "cache_read_input_tokens": 5, "cache_creation_input_tokens": 7,
                 "output_tokens": 50}}"""));
        List<ObjectNode> last = converter.onEvent("message_stop", parse("{\"type\": \"message_stop\"}"));
        assertJson("""
                {"id": "msg_1", "object": "chat.completion.chunk", "model": "claude-sonnet-4-5", "choices": [],
                 "usage": {"prompt_tokens": 22, "completion_tokens": 50, "total_tokens": 72,
                  "prompt_tokens_details": {"cached_tokens": 5, "cache_write_tokens": 7}}}""",
                last.get(0).without("created"));
    }
}
