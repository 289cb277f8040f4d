package dev.kilo.gateway.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.provider.anthropic.AnthropicApi;
import dev.kilo.gateway.provider.anthropic.AnthropicProvider;
import dev.kilo.gateway.provider.openai.OpenAiApi;
import dev.kilo.gateway.provider.openai.OpenAiCompatibleProvider;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The enabled providers, built once from configuration with one REST client each. */
@ApplicationScoped
public class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class);

    private final Map<String, Provider> providers;

    public ProviderRegistry(GatewayConfig config, ObjectMapper mapper) {
        Map<String, Provider> enabled = new TreeMap<>();
        config.providers().forEach((id, provider) -> {
            if (provider.isEnabled()) {
                enabled.put(id, create(id, provider, mapper));
            }
        });
        this.providers = Map.copyOf(enabled);
        LOG.infof("Enabled providers: %s", enabled.isEmpty() ? "none (set a provider key, see README)"
                : String.join(", ", enabled.keySet()));
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Map<String, Provider> all() {
        return providers;
    }

    private static Provider create(String id, ProviderConfig config, ObjectMapper mapper) {
        Map<String, String> headers = new HashMap<>(config.headers());
        return switch (config.protocol()) {
            case OPENAI -> {
                config.apiKey().ifPresent(key -> headers.put("Authorization", "Bearer " + key));
                yield new OpenAiCompatibleProvider(id, config, client(config, headers, OpenAiApi.class), mapper);
            }
            case ANTHROPIC -> {
                config.apiKey().ifPresent(key -> headers.put("x-api-key", key));
                // https://docs.anthropic.com/en/api/versioning
                headers.putIfAbsent("anthropic-version", "2023-06-01");
                yield new AnthropicProvider(id, config, client(config, headers, AnthropicApi.class), mapper);
            }
        };
    }

    private static <T> T client(ProviderConfig config, Map<String, String> headers, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl().orElseThrow()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .property(QuarkusRestClientProperties.CONNECTION_POOL_SIZE, config.maxConnections())
                .register(new ProviderHeaders(headers))
                .build(api);
    }
}
