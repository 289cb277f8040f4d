package dev.kilo.gateway.local.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ten OpenAI-compatible providers with 50 models each, served by one WireMock: the load {@link DiscoveryBench}
 * refreshes. The providers of the ordinary tests are switched off so they do not count.
 */
public class DiscoveryBenchProfile implements QuarkusTestProfile {

    static final List<String> PROVIDERS = List.of("groq", "deepseek", "mistral", "together", "fireworks", "xai",
            "gemini", "kilo", "vllm", "custom");
    static final int MODELS_PER_PROVIDER = 50;
    static final WireMockServer UPSTREAM = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    static {
        UPSTREAM.start();
        serve(new WireMock("127.0.0.1", UPSTREAM.port()), 0);
    }

    /**
     * Serves every provider's list; {@code revision} changes the first ten models' creation time. Goes through
     * WireMock's admin API because the test and this profile see different copies of this class (Quarkus loads
     * tests in their own class loader), so only the port is shared, through {@code bench.upstream.port}.
     */
    static void serve(WireMock client, int revision) {
        client.resetMappings();
        for (String provider : PROVIDERS) {
            client.register(get(urlPathEqualTo("/" + provider + "/models")).willReturn(okJson(list(revision))));
        }
    }

    private static String list(int revision) {
        StringBuilder json = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < MODELS_PER_PROVIDER; i++) {
            long created = 1_760_000_000L + i + (i < 10 ? revision : 0);
            json.append(i == 0 ? "" : ",").append("{\"id\":\"bench-model-").append(i)
                    .append("\",\"object\":\"model\",\"created\":").append(created)
                    .append(",\"owned_by\":\"bench\"}");
        }
        return json.append("]}").toString();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (String off : List.of("openai", "anthropic", "openrouter")) {
            config.put("gateway.providers." + off + ".enabled", "false");
        }
        config.put("bench.upstream.port", Integer.toString(UPSTREAM.port()));
        String root = "http://127.0.0.1:" + UPSTREAM.port();
        for (String provider : PROVIDERS) {
            config.put("gateway.providers." + provider + ".base-url", root + "/" + provider);
            config.put("gateway.providers." + provider + ".api-key", "bench-key");
            config.put("gateway.providers." + provider + ".models", "");
        }
        return config;
    }
}
