package dev.kilo.gateway.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.config.ProviderConfig.Protocol;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headers each list API is called with. */
class RestDiscoveryClientsTest {

    private static final Map<String, String> CONFIGURED = Map.of("X-Title", "Kilo Gateway");

    private static ProviderConfig config(String key, Map<String, String> headers) {
        return DiscoveryFixtures.config(Protocol.OPENAI, Duration.ofSeconds(5), "http://upstream.test/v1", key,
                headers);
    }

    @Test
    void openAiCompatibleUsesABearerKeyAfterTheConfiguredHeaders() {
        Map<String, String> headers = RestDiscoveryClients.bearer(config("sk-1",
                Map.of("X-Title", "Kilo Gateway", "Authorization", "Basic old")));
        assertEquals(Map.of("X-Title", "Kilo Gateway", "Authorization", "Bearer sk-1"), headers);
    }

    @Test
    void noKeyMeansNoAuthorization() {
        Map<String, String> headers = RestDiscoveryClients.bearer(config(null, CONFIGURED));
        assertFalse(headers.containsKey("Authorization"));
        assertEquals(CONFIGURED, headers);
    }

    @Test
    void anthropicUsesItsKeyHeaderAndAVersion() {
        assertEquals(Map.of("X-Title", "Kilo Gateway", "x-api-key", "ak-1", "anthropic-version", "2023-06-01"),
                RestDiscoveryClients.anthropicHeaders(config("ak-1", CONFIGURED)));
        assertEquals("2099-01-01", RestDiscoveryClients.anthropicHeaders(
                config("ak-1", Map.of("anthropic-version", "2099-01-01"))).get("anthropic-version"));
    }
}
