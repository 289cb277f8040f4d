package dev.kilo.gateway.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One upstream provider: where it is, how to authenticate, which dialect it speaks. */
public interface ProviderConfig {

    /** The wire protocol: {@code openai} for every OpenAI-compatible API, {@code anthropic} for the Messages API. */
    @WithDefault("openai")
    Protocol protocol();

    /** Display name in the model list. Defaults to the provider id. */
    Optional<String> displayName();

    /** Root URL of the API, for example {@code https://api.openai.com/v1}. Required. */
    Optional<String> baseUrl();

    /** The provider's API key. Never logged, never returned in an error. */
    Optional<String> apiKey();

    /** Whether the provider needs a key to be enabled. Local servers (Ollama, vLLM) do not. */
    @WithDefault("true")
    boolean keyRequired();

    /** Forces the provider on or off; by default it is on when its base URL (and key, if required) is set. */
    Optional<Boolean> enabled();

    /**
     * Upstream model names this provider serves before discovery runs, for example {@code gpt-5-mini,gpt-5}.
     * When empty, any model name is forwarded and the provider decides.
     */
    Optional<List<String>> models();

    /** Time to connect to the provider. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * Longest wait for the provider's answer, and for each further chunk of a stream. A first byte that does not
     * come in time is a 504.
     */
    @WithDefault("120s")
    Duration timeout();

    /**
     * Most connections open to the provider at once. Requests beyond it wait for a free connection, and that wait
     * counts against {@code timeout}; coding agents hold long streams open, so the client's default of 50 is low.
     */
    @WithDefault("1000")
    int maxConnections();

    /**
     * The provider rejects request fields it does not know (OpenAI answers 400, Mistral 422), so fields outside
     * OpenAI's documented chat surface are dropped before forwarding instead of passed through.
     */
    @WithDefault("false")
    boolean strictFields();

    /**
     * The provider wants {@code max_completion_tokens} instead of the deprecated {@code max_tokens} on chat
     * completions (OpenAI's reasoning models refuse {@code max_tokens}), so the gateway renames it.
     */
    @WithDefault("false")
    boolean maxCompletionTokens();

    /** The provider's legacy {@code /completions} endpoint accepts {@code suffix} (fill-in-the-middle). */
    @WithDefault("false")
    boolean fillInTheMiddle();

    /** The provider serves {@code /embeddings}. */
    @WithDefault("true")
    boolean embeddings();

    /** Extra headers sent on every upstream call (for example OpenRouter's {@code HTTP-Referer}, {@code X-Title}). */
    Map<String, String> headers();

    /** {@code max_tokens} sent when the caller gave none and the protocol requires one (Anthropic). */
    @WithDefault("8192")
    int defaultMaxTokens();

    enum Protocol {
        OPENAI,
        ANTHROPIC
    }

    /** On when explicitly enabled, or when the base URL and, where required, the key are configured. */
    default boolean isEnabled() {
        boolean configured = baseUrl().isPresent() && (!keyRequired() || apiKey().isPresent());
        return enabled().orElse(configured) && baseUrl().isPresent();
    }
}
