package dev.kilo.gateway.functions.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.testing.InjectSecretsManager;
import dev.kilo.gateway.testing.SecretsManagerFake;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The function as it starts on AWS with {@code GATEWAY_PROVIDER_KEYS_SECRET} set: provider keys come from the
 * secret (a fake Secrets Manager here) into the application's configuration, read once at start.
 */
@QuarkusTest
@TestProfile(ProviderKeysSecretTest.WithProviderKeysSecret.class)
class ProviderKeysSecretTest {

    public static class WithProviderKeysSecret implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecretsManagerFake.class));
        }
    }

    @Inject
    GatewayConfig config;

    @InjectSecretsManager
    WireMockServer secretsManager;

    @Test
    void aKeyFromTheSecretConfiguresItsProvider() {
        assertEquals(Optional.of(SecretsManagerFake.CUSTOM_KEY), config.providers().get("custom").apiKey());
    }

    @Test
    void aKeySetAboveTheSecretStillWins() {
        // The upstream fakes set openai's key as a system-level property, which outranks the secret (ordinal 275).
        assertEquals(Optional.of(UpstreamFakes.OPENAI_KEY), config.providers().get("openai").apiKey());
    }

    @Test
    void theSecretIsReadOnceAtStart() {
        secretsManager.verify(1, postRequestedFor(urlEqualTo("/")));
    }
}
