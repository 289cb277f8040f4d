package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The little rewriting every answer gets on its way out, whatever the provider: {@code model} names the serving
 * model as {@code provider/model}, and reasoning appears under both names clients read ({@code reasoning_content},
 * DeepSeek's and most SDKs', and {@code reasoning}, OpenRouter's). Pure; applied to each streamed chunk.
 */
public final class ResponseShaper {

    private ResponseShaper() {
    }

    /** Shapes a whole chat or text completion (or an embeddings list) in place. */
    public static ObjectNode whole(ObjectNode body, String modelId) {
        body.put("model", modelId);
        for (JsonNode choice : body.path("choices")) {
            if (choice.get("message") instanceof ObjectNode message) {
                aliasReasoning(message);
            }
        }
        return body;
    }

    /**
     * Whether the caller sees this chunk: the gateway always asks upstreams for usage (so it is never lost), and a
     * caller that did not ask for it must not get the usage-only chunk.
     */
    public static boolean visible(ObjectNode chunk, boolean includeUsage) {
        return includeUsage || !chunk.has("usage") || !chunk.path("choices").isEmpty();
    }

    /** Shapes one visible streamed chunk in place. */
    public static ObjectNode chunk(ObjectNode chunk, String modelId, boolean includeUsage) {
        if (!includeUsage) {
            chunk.remove("usage");
        }
        chunk.put("model", modelId);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.get("delta") instanceof ObjectNode delta) {
                aliasReasoning(delta);
            }
        }
        return chunk;
    }

    static void aliasReasoning(ObjectNode message) {
        JsonNode content = message.get("reasoning_content");
        JsonNode reasoning = message.get("reasoning");
        if (content != null && !content.isNull() && reasoning == null) {
            message.set("reasoning", content);
        } else if (reasoning != null && reasoning.isTextual() && content == null) {
            message.set("reasoning_content", reasoning);
        }
    }
}
