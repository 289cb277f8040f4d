package dev.kilo.gateway.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure translation of OpenAI chat {@code messages} into Anthropic's {@code system} blocks and {@code messages}.
 * Anthropic takes the system prompt as a top-level field, wants strictly alternating user/assistant turns, and
 * carries tool results as {@code tool_result} blocks of a user turn.
 * See https://docs.anthropic.com/en/api/messages.
 */
final class AnthropicMessages {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA_BASE64 = ";base64,";

    /** The system prompt as text blocks, in the order given, and the alternating conversation. */
    record Converted(List<ObjectNode> system, ArrayNode messages) {
    }

    private AnthropicMessages() {
    }

    static Converted convert(JsonNode messages) {
        List<ObjectNode> system = new ArrayList<>();
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String at = "messages[" + i + "]";
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> system.addAll(systemBlocks(message.get("content"), at + ".content"));
                case "user" -> append(out, "user", contentBlocks(message.get("content"), at + ".content"));
                case "assistant" -> append(out, "assistant", assistantBlocks(message, at));
                case "tool" -> append(out, "user", List.of(toolResult(message, at)));
                default -> throw GatewayException.invalidParam(at + ".role", "unsupported_value",
                        "Invalid '" + at + ".role': '" + role + "' messages are not supported for Anthropic models;"
                                + " use 'tools' and 'tool' messages instead.");
            }
        }
        return new Converted(system, out);
    }

    /**
     * Adds a turn, merging it into the previous one when the role repeats: Anthropic rejects two consecutive turns
     * of the same role, which OpenAI conversations produce for parallel tool results. Empty turns are dropped, since
     * Anthropic rejects empty content too.
     */
    private static void append(ArrayNode out, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = out.isEmpty() ? null : out.get(out.size() - 1);
        ArrayNode content;
        if (last != null && role.equals(last.path("role").asText())) {
            content = (ArrayNode) last.get("content");
        } else {
            ObjectNode turn = out.addObject();
            turn.put("role", role);
            content = turn.putArray("content");
        }
        blocks.forEach(block -> add(content, block));
    }

    /**
     * Anthropic requires a user turn's {@code tool_result} blocks to come before any other content, so a tool result
     * merged after user text is placed ahead of it.
     * See https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use.
     */
    private static void add(ArrayNode content, ObjectNode block) {
        if (!"tool_result".equals(block.path("type").asText())) {
            content.add(block);
            return;
        }
        int position = 0;
        while (position < content.size() && "tool_result".equals(content.get(position).path("type").asText())) {
            position++;
        }
        content.insert(position, block);
    }

    /** Anthropic's system prompt holds text blocks only. */
    private static List<ObjectNode> systemBlocks(JsonNode content, String at) {
        for (int j = 0; content != null && content.isArray() && j < content.size(); j++) {
            if (!"text".equals(content.get(j).path("type").asText())) {
                String param = at + "[" + j + "].type";
                throw GatewayException.invalidParam(param, "unsupported_value", "Invalid '" + param
                        + "': Anthropic models accept only text in system and developer messages.");
            }
        }
        return contentBlocks(content, at);
    }

    /** Content as Anthropic blocks; empty text is left out because Anthropic rejects empty text blocks. */
    static List<ObjectNode> contentBlocks(JsonNode content, String at) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.add(text(content.asText()));
            }
            return blocks;
        }
        for (int j = 0; j < content.size(); j++) {
            ObjectNode block = part(content.get(j), at + "[" + j + "]");
            if (block != null) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static ObjectNode part(JsonNode part, String at) {
        String type = part.path("type").asText();
        ObjectNode block = switch (type) {
            case "text" -> part.path("text").asText().isEmpty() ? null : text(part.path("text").asText());
            case "refusal" -> part.path("refusal").asText().isEmpty() ? null : text(part.path("refusal").asText());
            case "image_url" -> image(part.path("image_url").path("url").asText());
            case "file" -> document(part.path("file"), at + ".file");
            default -> throw GatewayException.invalidParam(at + ".type", "unsupported_value", "Invalid '" + at
                    + ".type': '" + type + "' content is not supported for Anthropic models.");
        };
        // Prompt caching markers (as OpenRouter passes them) go through unchanged.
        // See https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching.
        if (block != null && part.path("cache_control").isObject()) {
            block.set("cache_control", part.get("cache_control").deepCopy());
        }
        return block;
    }

    private static ObjectNode text(String text) {
        ObjectNode block = F.objectNode();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /** A data URI becomes a base64 source, an http(s) URL a url source (validated upstream of this class). */
    private static ObjectNode image(String url) {
        ObjectNode block = F.objectNode();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            source.put("type", "base64");
            source.put("media_type", mediaType(url));
            source.put("data", url.substring(url.indexOf(DATA_BASE64) + DATA_BASE64.length()));
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
        return block;
    }

    /** OpenAI's inline file part; Anthropic reads PDFs as {@code document} blocks. File ids are OpenAI's own. */
    private static ObjectNode document(JsonNode file, String at) {
        String data = file.path("file_data").asText("");
        if (!data.startsWith("data:application/pdf") || !data.contains(DATA_BASE64)) {
            throw GatewayException.invalidParam(at, "unsupported_value", "Invalid '" + at + "': Anthropic models"
                    + " accept files only as inline PDF data (file_data: data:application/pdf;base64,...).");
        }
        ObjectNode block = F.objectNode();
        block.put("type", "document");
        ObjectNode source = block.putObject("source");
        source.put("type", "base64");
        source.put("media_type", "application/pdf");
        source.put("data", data.substring(data.indexOf(DATA_BASE64) + DATA_BASE64.length()));
        return block;
    }

    /** {@code data:image/png;base64,...} gives {@code image/png}; parameters before {@code base64} are dropped. */
    private static String mediaType(String dataUri) {
        String header = dataUri.substring("data:".length(), dataUri.indexOf(DATA_BASE64));
        int parameters = header.indexOf(';');
        return parameters < 0 ? header : header.substring(0, parameters);
    }

    /** The assistant's text first, then one {@code tool_use} block per tool call, as Anthropic itself answers. */
    private static List<ObjectNode> assistantBlocks(JsonNode message, String at) {
        List<ObjectNode> blocks = contentBlocks(message.get("content"), at + ".content");
        JsonNode calls = message.path("tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            String argumentsAt = at + ".tool_calls[" + j + "].function.arguments";
            ObjectNode use = F.objectNode();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", arguments(call.path("function").path("arguments").asText(), argumentsAt));
            blocks.add(use);
        }
        return blocks;
    }

    /** Anthropic wants the tool input as a JSON object; OpenAI carries it as a string that should hold one. */
    private static ObjectNode arguments(String arguments, String at) {
        if (arguments.isBlank()) {
            // A call of a tool without parameters: some clients send "" rather than "{}".
            return F.objectNode();
        }
        try {
            JsonNode parsed = JSON.readTree(arguments);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // Reported below, with the parameter named.
        }
        throw GatewayException.invalidParam(at, "invalid_value",
                "Invalid '" + at + "': expected a JSON object encoded as a string.");
    }

    private static ObjectNode toolResult(JsonNode message, String at) {
        ObjectNode block = F.objectNode();
        block.put("type", "tool_result");
        block.put("tool_use_id", message.path("tool_call_id").asText());
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            block.put("content", content.asText());
        } else {
            List<ObjectNode> parts = contentBlocks(content, at + ".content");
            if (!parts.isEmpty()) {
                block.putArray("content").addAll(parts);
            }
        }
        return block;
    }
}
