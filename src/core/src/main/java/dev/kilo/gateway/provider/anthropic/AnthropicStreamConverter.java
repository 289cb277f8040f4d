package dev.kilo.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.provider.UpstreamErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one Anthropic Messages stream, event by event, into OpenAI {@code chat.completion.chunk} objects. Pure but
 * stateful (the message id, the usage so far, which content block is which tool call): one instance per stream.
 * See https://docs.anthropic.com/en/docs/build-with-claude/streaming.
 */
public final class AnthropicStreamConverter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String provider;
    private final String model;
    private final long created = AnthropicResponses.now();
    private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
    private String id = "";
    private boolean stopped;
    private AnthropicResponses.Usage usage = AnthropicResponses.Usage.NONE;

    /**
     * @param provider the provider id, named in the error an in-band {@code error} event fails the stream with
     * @param model the model name every chunk carries
     */
    public AnthropicStreamConverter(String provider, String model) {
        this.provider = provider;
        this.model = model;
    }

    /**
     * The chunks one event stands for, possibly none. The event's name is its type; when the name is missing the
     * {@code type} in its data is used, which Anthropic always sets to the same value.
     *
     * @throws dev.kilo.gateway.error.GatewayException for an {@code error} event
     */
    public List<ObjectNode> onEvent(String eventName, JsonNode data) {
        String type = eventName == null || eventName.isBlank() ? data.path("type").asText() : eventName;
        return switch (type) {
            case "message_start" -> messageStart(data.path("message"));
            case "content_block_start" -> blockStart(data.path("index").asInt(), data.path("content_block"));
            case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"));
            case "message_delta" -> messageDelta(data);
            case "message_stop" -> {
                stopped = true;
                yield List.of(usageChunk());
            }
            case "error" -> throw UpstreamErrors.fromStreamError(provider, data.path("error"));
            // ping, content_block_stop, and event types Anthropic may add later, which its versioning policy asks
            // clients to ignore (https://docs.anthropic.com/en/api/versioning).
            default -> List.of();
        };
    }

    /** Whether {@code message_stop} arrived: a stream that ends without it was cut. */
    public boolean complete() {
        return stopped;
    }

    private List<ObjectNode> messageStart(JsonNode message) {
        id = message.path("id").asText(id);
        usage = usage.merge(message.path("usage"));
        ObjectNode delta = F.objectNode();
        delta.put("role", "assistant");
        delta.put("content", "");
        return List.of(chunk(delta, null));
    }

    /** Tool calls are numbered from 0 in the order they start, as OpenAI numbers them; other blocks are skipped. */
    private List<ObjectNode> blockStart(int index, JsonNode block) {
        String type = block.path("type").asText();
        if ("tool_use".equals(type)) {
            int toolCall = toolCallByBlock.size();
            toolCallByBlock.put(index, toolCall);
            ObjectNode call = F.objectNode();
            call.put("index", toolCall);
            call.put("id", block.path("id").asText());
            call.put("type", "function");
            ObjectNode function = call.putObject("function");
            function.put("name", block.path("name").asText());
            function.put("arguments", "");
            ObjectNode delta = F.objectNode();
            delta.putArray("tool_calls").add(call);
            return List.of(chunk(delta, null));
        }
        // A text or thinking block starts empty; should it ever carry text, that text is the first delta.
        if ("text".equals(type)) {
            return text(block.path("text").asText());
        }
        return "thinking".equals(type) ? thinking(block.path("thinking").asText()) : List.of();
    }

    /** signature_delta (and citations, which OpenAI cannot carry) produce nothing. */
    private List<ObjectNode> blockDelta(int index, JsonNode delta) {
        return switch (delta.path("type").asText()) {
            case "text_delta" -> text(delta.path("text").asText());
            case "thinking_delta" -> thinking(delta.path("thinking").asText());
            case "input_json_delta" -> arguments(index, delta.path("partial_json").asText());
            default -> List.of();
        };
    }

    private List<ObjectNode> text(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        ObjectNode delta = F.objectNode();
        delta.put("content", text);
        return List.of(chunk(delta, null));
    }

    /** Both names clients read reasoning from: {@code reasoning_content} and OpenRouter's {@code reasoning}. */
    private List<ObjectNode> thinking(String thinking) {
        if (thinking.isEmpty()) {
            return List.of();
        }
        ObjectNode delta = F.objectNode();
        delta.put("reasoning_content", thinking);
        delta.put("reasoning", thinking);
        return List.of(chunk(delta, null));
    }

    /** Partial JSON of a tool's input, passed on as is: OpenAI streams arguments as string fragments too. */
    private List<ObjectNode> arguments(int blockIndex, String partialJson) {
        Integer toolCall = toolCallByBlock.get(blockIndex);
        if (toolCall == null || partialJson.isEmpty()) {
            return List.of();
        }
        ObjectNode call = F.objectNode();
        call.put("index", toolCall);
        call.putObject("function").put("arguments", partialJson);
        ObjectNode delta = F.objectNode();
        delta.putArray("tool_calls").add(call);
        return List.of(chunk(delta, null));
    }

    /** The usage in {@code message_delta} is cumulative, so it replaces what {@code message_start} reported. */
    private List<ObjectNode> messageDelta(JsonNode data) {
        usage = usage.merge(data.path("usage"));
        String finishReason = AnthropicResponses.finishReason(data.path("delta").get("stop_reason"));
        return finishReason == null ? List.of() : List.of(chunk(F.objectNode(), finishReason));
    }

    private ObjectNode usageChunk() {
        ObjectNode chunk = header();
        chunk.putArray("choices");
        chunk.set("usage", usage.toOpenAi());
        return chunk;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode header() {
        ObjectNode chunk = F.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
