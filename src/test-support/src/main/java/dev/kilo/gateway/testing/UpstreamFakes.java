package dev.kilo.gateway.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * One WireMock server standing in for the paid upstream providers, each under its own path: the OpenAI-compatible
 * preset {@code openai} at {@code /openai/v1}, OpenRouter at {@code /openrouter/api/v1}, Anthropic at
 * {@code /anthropic}. Stubs use the providers' documented wire formats from {@link Fixtures}.
 */
public class UpstreamFakes implements QuarkusTestResourceLifecycleManager {

    public static final String OPENAI_KEY = "sk-test-openai-0123456789";
    public static final String ANTHROPIC_KEY = "sk-ant-test-0123456789";
    public static final String OPENROUTER_KEY = "sk-or-test-0123456789";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).containerThreads(32));
        server.start();
        String root = "http://127.0.0.1:" + server.port();
        return Map.ofEntries(
                Map.entry("gateway.providers.openai.base-url", root + "/openai/v1"),
                Map.entry("gateway.providers.openai.api-key", OPENAI_KEY),
                Map.entry("gateway.providers.openai.models", "gpt-5-mini,gpt-5"),
                Map.entry("gateway.providers.openai.timeout", "2s"),
                Map.entry("gateway.providers.openrouter.base-url", root + "/openrouter/api/v1"),
                Map.entry("gateway.providers.openrouter.api-key", OPENROUTER_KEY),
                Map.entry("gateway.providers.openrouter.timeout", "2s"),
                Map.entry("gateway.providers.anthropic.base-url", root + "/anthropic"),
                Map.entry("gateway.providers.anthropic.api-key", ANTHROPIC_KEY),
                Map.entry("gateway.providers.anthropic.models", "claude-sonnet-4-5"),
                Map.entry("gateway.providers.anthropic.timeout", "2s"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectUpstream.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
