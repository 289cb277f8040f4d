package dev.kilo.gateway.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider keys from Secrets Manager, against a WireMock fake that answers the GetSecretValue call of the AWS JSON
 * protocol ({@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue}).
 */
class ProviderKeysConfigSourceFactoryTest {

    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:kilo-gateway-provider-keys-AbCdEf";
    private static final String OPENAI_KEY = "sk-proj-test-0123456789abcdefTOPSECRET";
    private static final String ANTHROPIC_KEY = "sk-ant-test-9876543210zyxwvuTOPSECRET";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer secretsManager;

    @BeforeAll
    static void start() {
        secretsManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        secretsManager.start();
        // The SDK's default credentials chain reads these first; the fake does not check signatures.
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-access-key");
    }

    @AfterAll
    static void stop() {
        secretsManager.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void reset() {
        secretsManager.resetAll();
    }

    @Test
    void eachEntryBecomesTheProvidersApiKey() throws Exception {
        answer(Map.of("openai", OPENAI_KEY, "anthropic", ANTHROPIC_KEY));

        SmallRyeConfig config = config(Map.of(ProviderKeysConfigSourceFactory.SECRET, SECRET_ARN));

        assertEquals(OPENAI_KEY, config.getValue("gateway.providers.openai.api-key", String.class));
        assertEquals(ANTHROPIC_KEY, config.getValue("gateway.providers.anthropic.api-key", String.class));
        secretsManager.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + SECRET_ARN + "\"}")));
    }

    @Test
    void secretKeysOverrideThePresetsButNotTheEnvironment() throws Exception {
        answer(Map.of("openai", OPENAI_KEY, "groq", "gsk-from-secret"));
        // Core's presets (ordinal 100) and an environment variable (300) for groq.
        PropertiesConfigSource presets = new PropertiesConfigSource(Map.of(
                "gateway.providers.openai.api-key", "", "gateway.providers.groq.api-key", ""), "presets", 100);
        PropertiesConfigSource environment = new PropertiesConfigSource(Map.of(
                "gateway.providers.groq.api-key", "gsk-from-environment"), "environment", 300);

        SmallRyeConfig config = config(Map.of(ProviderKeysConfigSourceFactory.SECRET, SECRET_ARN), presets,
                environment);

        assertEquals(OPENAI_KEY, config.getValue("gateway.providers.openai.api-key", String.class));
        assertEquals("gsk-from-environment", config.getValue("gateway.providers.groq.api-key", String.class));
    }

    @Test
    void withoutTheSecretSettingNothingIsRead() {
        SmallRyeConfig config = config(Map.of());

        assertEquals(Optional.empty(), config.getOptionalValue("gateway.providers.openai.api-key", String.class));
        assertEquals(0, secretsManager.getAllServeEvents().size());
    }

    @Test
    void theKeysNeverReachTheLogs() throws Exception {
        answer(Map.of("openai", OPENAI_KEY, "anthropic", ANTHROPIC_KEY));

        List<String> logs = captureLogs(() -> config(Map.of(ProviderKeysConfigSourceFactory.SECRET, SECRET_ARN)));

        assertTrue(logs.stream().anyMatch(l -> l.contains("anthropic") && l.contains("openai")
                && l.contains(SECRET_ARN)), "the providers read are logged: " + logs);
        assertFalse(logs.stream().anyMatch(l -> l.contains("TOPSECRET")), "a key was logged: " + logs);
    }

    @Test
    void aSecretThatIsNotJsonFailsStartWithoutQuotingIt() {
        secretsManager.stubFor(post(urlEqualTo("/")).willReturn(secretValue("openai=" + OPENAI_KEY)));

        List<String> logs = new ArrayList<>();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> logs.addAll(captureLogs(
                () -> config(Map.of(ProviderKeysConfigSourceFactory.SECRET, SECRET_ARN)))));

        assertTrue(error.getMessage().contains(SECRET_ARN), error.getMessage());
        assertFalse(stackTrace(error).contains("TOPSECRET"), "the error quotes the secret");
    }

    @Test
    void aNonStringKeyIsRefusedNamingTheProviderOnly() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ProviderKeysSecret.toProperties(SECRET_ARN, "{\"openai\":{\"key\":\"" + OPENAI_KEY + "\"}}"));

        assertTrue(error.getMessage().contains("openai"), error.getMessage());
        assertFalse(error.getMessage().contains("TOPSECRET"), error.getMessage());
    }

    @Test
    void emptyKeysAreSkippedAndBadProviderIdsRefused() {
        assertEquals(Map.of("gateway.providers.groq.api-key", "gsk"),
                ProviderKeysSecret.toProperties(SECRET_ARN, "{\"groq\":\" gsk \",\"openai\":\"\"}"));
        assertThrows(IllegalStateException.class,
                () -> ProviderKeysSecret.toProperties(SECRET_ARN, "{\"open.ai\":\"sk\"}"));
        assertThrows(IllegalStateException.class, () -> ProviderKeysSecret.toProperties(SECRET_ARN, "[]"));
    }

    @Test
    void aMissingSecretFailsStart() {
        secretsManager.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}")));

        RuntimeException error = assertThrows(RuntimeException.class,
                () -> config(Map.of(ProviderKeysConfigSourceFactory.SECRET, SECRET_ARN)));

        assertTrue(stackTrace(error).contains("ResourceNotFoundException"), stackTrace(error));
    }

    private static SmallRyeConfig config(Map<String, String> settings, PropertiesConfigSource... others) {
        Map<String, String> all = new HashMap<>(settings);
        all.put(ProviderKeysConfigSourceFactory.REGION, "eu-central-1");
        all.put(ProviderKeysConfigSourceFactory.ENDPOINT, secretsManager.baseUrl());
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(all, "test", 250))
                .withSources(others)
                .withSources(new ProviderKeysConfigSourceFactory())
                .build();
    }

    private static void answer(Map<String, String> keys) throws Exception {
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(secretValue(JSON.writeValueAsString(keys))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder secretValue(String value)
            throws RuntimeException {
        try {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(JSON.writeValueAsString(Map.of("ARN", SECRET_ARN, "Name", "kilo-gateway-provider-keys",
                            "SecretString", value, "VersionId", "b3c1e8d2-0000-4000-8000-000000000001",
                            "VersionStages", List.of("AWSCURRENT"), "CreatedDate", 1.7948E9)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every log record (all levels, all loggers, exceptions included) written while the action runs. */
    private static List<String> captureLogs(Runnable action) {
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null) {
                    message = message + " " + List.of(record.getParameters());
                }
                lines.add(record.getLoggerName() + " " + message
                        + (record.getThrown() == null ? "" : " " + stackTrace(record.getThrown())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(handler);
        try {
            action.run();
        } finally {
            root.removeHandler(handler);
            // The log manager's root starts without an explicit level, which it reads as ALL.
            root.setLevel(before == null ? Level.INFO : before);
        }
        return lines;
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
