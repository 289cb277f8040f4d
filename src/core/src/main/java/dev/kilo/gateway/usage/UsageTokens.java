package dev.kilo.gateway.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one answer, read from the OpenAI-shaped {@code usage} object every provider's answer is turned
 * into. {@code promptTokens} includes cached and cache-write tokens (OpenAI's and our Anthropic converter's
 * convention); {@code completionTokens} includes reasoning tokens.
 */
public record UsageTokens(long promptTokens, long completionTokens, long cachedTokens, long cacheWriteTokens,
        long reasoningTokens) {

    public static final UsageTokens NONE = new UsageTokens(0, 0, 0, 0, 0);

    public static UsageTokens from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return NONE;
        }
        JsonNode prompt = usage.path("prompt_tokens_details");
        JsonNode completion = usage.path("completion_tokens_details");
        // Embeddings report only prompt_tokens and total_tokens.
        return new UsageTokens(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                prompt.path("cached_tokens").asLong(0), prompt.path("cache_write_tokens").asLong(0),
                completion.path("reasoning_tokens").asLong(0));
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
