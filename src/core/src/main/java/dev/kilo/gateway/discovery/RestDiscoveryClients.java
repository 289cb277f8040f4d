package dev.kilo.gateway.discovery;

import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.provider.ProviderHeaders;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Quarkus REST clients for the list APIs, built the way {@link dev.kilo.gateway.provider.ProviderRegistry} builds
 * the chat clients: the provider's configured headers, then its authentication. One client per provider and API,
 * built on first use and kept, since provider configuration does not change while the process runs.
 */
public final class RestDiscoveryClients implements DiscoveryClients {

    /** https://docs.anthropic.com/en/api/versioning */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    @Override
    public OpenAiModelsApi openAi(String providerId, ProviderConfig config) {
        return cached("openai:" + providerId, () -> build(baseUrl(config), config, bearer(config),
                OpenAiModelsApi.class));
    }

    @Override
    public AnthropicModelsApi anthropic(String providerId, ProviderConfig config) {
        return cached("anthropic:" + providerId, () -> build(baseUrl(config), config, anthropicHeaders(config),
                AnthropicModelsApi.class));
    }

    /** Ollama needs no key; one is still sent when configured, for an Ollama behind an authenticating proxy. */
    @Override
    public OllamaApi ollama(String providerId, ProviderConfig config) {
        return cached("ollama:" + providerId, () -> build(OllamaModels.nativeRoot(baseUrl(config)), config,
                bearer(config), OllamaApi.class));
    }

    static Map<String, String> bearer(ProviderConfig config) {
        Map<String, String> headers = new HashMap<>(config.headers());
        config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
        return headers;
    }

    static Map<String, String> anthropicHeaders(ProviderConfig config) {
        Map<String, String> headers = new HashMap<>(config.headers());
        config.apiKey().ifPresent(key -> headers.put("x-api-key", key));
        headers.putIfAbsent("anthropic-version", ANTHROPIC_VERSION);
        return headers;
    }

    private static String baseUrl(ProviderConfig config) {
        return config.baseUrl().orElseThrow(() -> new IllegalArgumentException("provider has no base URL"));
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, Supplier<T> create) {
        return (T) clients.computeIfAbsent(key, k -> create.get());
    }

    private static <T> T build(String baseUrl, ProviderConfig config, Map<String, String> headers, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ProviderHeaders(headers))
                .build(api);
    }
}
