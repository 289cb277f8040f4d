package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.config.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads the recorded list answers under {@code fixtures/discovery/} and builds provider settings for tests. */
final class DiscoveryFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private DiscoveryFixtures() {
    }

    static JsonNode json(String name) {
        try (InputStream in = DiscoveryFixtures.class.getResourceAsStream("/fixtures/discovery/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode object(String name) {
        return (ObjectNode) json(name);
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one model of {@code models} with this upstream id. */
    static DiscoveredModel find(List<DiscoveredModel> models, String upstreamId) {
        Predicate<DiscoveredModel> named = model -> model.upstreamId().equals(upstreamId);
        return models.stream().filter(named).findFirst()
                .orElseThrow(() -> new AssertionError("no model " + upstreamId + " in " + models));
    }

    /** Only the settings discovery reads; anything else would be a test bug. */
    static ProviderConfig config(ProviderConfig.Protocol protocol, Duration timeout, String baseUrl, String apiKey,
            Map<String, String> headers) {
        return (ProviderConfig) Proxy.newProxyInstance(ProviderConfig.class.getClassLoader(),
                new Class<?>[] {ProviderConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "protocol" -> protocol;
                    case "timeout" -> timeout;
                    case "connectTimeout" -> Duration.ofSeconds(2);
                    case "baseUrl" -> Optional.ofNullable(baseUrl);
                    case "apiKey" -> Optional.ofNullable(apiKey);
                    case "headers" -> headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static ProviderConfig config(ProviderConfig.Protocol protocol) {
        return config(protocol, Duration.ofSeconds(5), "http://upstream.test/v1", "key", Map.of());
    }
}
