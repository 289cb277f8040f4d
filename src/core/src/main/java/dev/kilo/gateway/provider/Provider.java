package dev.kilo.gateway.provider;

import dev.kilo.gateway.config.ProviderConfig;

/**
 * An upstream model provider. What it can do is said by the small interfaces it implements ({@link ChatProvider},
 * {@link TextCompletionProvider}, {@link EmbeddingProvider}), never by methods that throw "unsupported".
 */
public interface Provider {

    /** The id models are prefixed with: {@code openai} in {@code openai/gpt-5-mini}. */
    String id();

    ProviderConfig config();
}
