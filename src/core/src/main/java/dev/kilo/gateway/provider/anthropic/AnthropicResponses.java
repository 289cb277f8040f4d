package dev.kilo.gateway.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Pure translation of Anthropic's answers into OpenAI's shapes, shared by whole responses and streams.
 * See https://docs.anthropic.com/en/api/messages.
 */
final class AnthropicResponses {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnthropicResponses() {
    }

    /**
     * Token counts as Anthropic reports them. Anthropic's {@code input_tokens} excludes cached tokens, while OpenAI's
     * {@code prompt_tokens} includes them, so the prompt is the sum of the three input counts.
     * See https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance.
     */
    record Usage(long input, long output, long cacheRead, long cacheCreation) {

        static final Usage NONE = new Usage(0, 0, 0, 0);

        /** These counts with whatever {@code usage} reports replacing them; absent fields are kept. */
        Usage merge(JsonNode usage) {
            return new Usage(count(usage, "input_tokens", input), count(usage, "output_tokens", output),
                    count(usage, "cache_read_input_tokens", cacheRead),
                    count(usage, "cache_creation_input_tokens", cacheCreation));
        }

        ObjectNode toOpenAi() {
            long prompt = input + cacheRead + cacheCreation;
            ObjectNode usage = F.objectNode();
            usage.put("prompt_tokens", prompt);
            usage.put("completion_tokens", output);
            usage.put("total_tokens", prompt + output);
            ObjectNode details = usage.putObject("prompt_tokens_details");
            details.put("cached_tokens", cacheRead);
            details.put("cache_write_tokens", cacheCreation);
            return usage;
        }

        private static long count(JsonNode usage, String field, long current) {
            JsonNode value = usage.get(field);
            return value != null && value.isNumber() ? value.asLong() : current;
        }
    }

    /**
     * Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}; null while the message is not finished.
     * See https://docs.anthropic.com/en/api/handling-stop-reasons.
     */
    static String finishReason(JsonNode stopReason) {
        if (stopReason == null || !stopReason.isTextual()) {
            return null;
        }
        return switch (stopReason.asText()) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static ObjectNode completion(JsonNode message, String model) {
        ObjectNode out = F.objectNode();
        out.put("id", message.path("id").asText());
        out.put("object", "chat.completion");
        out.put("created", now());
        out.put("model", model);
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", assistantMessage(message.path("content")));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(message.get("stop_reason")));
        out.set("usage", Usage.NONE.merge(message.path("usage")).toOpenAi());
        return out;
    }

    /**
     * Text blocks are joined into {@code content}, thinking into {@code reasoning_content} (DeepSeek's and most
     * clients' name) and {@code reasoning} (OpenRouter's), tool uses become {@code tool_calls}. Redacted thinking
     * and server tool blocks have no OpenAI equivalent and are left out.
     */
    private static ObjectNode assistantMessage(JsonNode blocks) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode calls = F.arrayNode();
        for (JsonNode block : blocks) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> thinking.append(block.path("thinking").asText());
                case "tool_use" -> calls.add(toolCall(block));
                default -> {
                    // Nothing an OpenAI client could read.
                }
            }
        }
        ObjectNode message = F.objectNode();
        message.put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!thinking.isEmpty()) {
            message.put("reasoning_content", thinking.toString());
            message.put("reasoning", thinking.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    private static ObjectNode toolCall(JsonNode block) {
        ObjectNode call = F.objectNode();
        call.put("id", block.path("id").asText());
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", block.path("name").asText());
        JsonNode input = block.get("input");
        function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
        return call;
    }
}
