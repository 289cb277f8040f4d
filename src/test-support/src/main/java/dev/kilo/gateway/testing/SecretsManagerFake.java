package dev.kilo.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;

/**
 * A fake AWS Secrets Manager answering {@code GetSecretValue} (AWS JSON protocol: {@code POST /} with
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}) with a provider keys secret, and the settings that point the
 * application's {@code ProviderKeysConfigSourceFactory} at it. The fake checks no signature; the static credentials
 * only let the SDK sign.
 */
public class SecretsManagerFake implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-central-1:123456789012:secret:kilo-gateway-provider-keys-Test01";
    /** What the secret holds: a key for a provider without a base URL (so nothing is called) and one for openai. */
    public static final String CUSTOM_KEY = "sk-custom-from-secret-0123456789";
    public static final String OPENAI_KEY = "sk-openai-from-secret-0123456789";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(secretValue(Map.of("custom", CUSTOM_KEY, "openai", OPENAI_KEY)))));
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-access-key");
        return Map.of(
                "gateway.provider-keys.secret", SECRET_ARN,
                "gateway.provider-keys.region", "eu-central-1",
                "gateway.provider-keys.endpoint-override", "http://127.0.0.1:" + server.port());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectSecretsManager.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static String secretValue(Map<String, String> keys) {
        try {
            ObjectMapper json = new ObjectMapper();
            return json.writeValueAsString(Map.of("ARN", SECRET_ARN, "Name", "kilo-gateway-provider-keys",
                    "SecretString", json.writeValueAsString(keys), "VersionId", "00000000-0000-4000-8000-000000000001",
                    "VersionStages", List.of("AWSCURRENT"), "CreatedDate", 1.7948E9));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
