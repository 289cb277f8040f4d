package dev.kilo.gateway.discovery;

import static dev.kilo.gateway.discovery.DiscoveryFixtures.config;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.json;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.object;
import static dev.kilo.gateway.discovery.DiscoveryFixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.config.ProviderConfig.Protocol;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.provider.UpstreamHttpException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The lister over scripted APIs: which format each provider gets, paging, Ollama's fan-out, failures. */
class ModelListerTest {

    private static final ProviderConfig OPENAI = config(Protocol.OPENAI);
    private static final ProviderConfig ANTHROPIC = config(Protocol.ANTHROPIC);

    /** Answers with what the test scripts and remembers every call. */
    private static final class ScriptedApis implements DiscoveryClients, OpenAiModelsApi, AnthropicModelsApi,
            OllamaApi {
        Uni<JsonNode> models;
        Function<String, Uni<ObjectNode>> pages;
        Uni<ObjectNode> tags;
        Function<String, Uni<ObjectNode>> shows;
        final List<String> afterIds = new ArrayList<>();
        final List<String> shown = new ArrayList<>();

        @Override
        public OpenAiModelsApi openAi(String providerId, ProviderConfig config) {
            return this;
        }

        @Override
        public AnthropicModelsApi anthropic(String providerId, ProviderConfig config) {
            return this;
        }

        @Override
        public OllamaApi ollama(String providerId, ProviderConfig config) {
            return this;
        }

        @Override
        public Uni<JsonNode> models() {
            return models;
        }

        @Override
        public Uni<ObjectNode> models(int limit, String afterId) {
            assertEquals(1000, limit);
            afterIds.add(afterId);
            return pages.apply(afterId);
        }

        @Override
        public Uni<ObjectNode> tags() {
            return tags;
        }

        @Override
        public Uni<ObjectNode> show(ObjectNode body) {
            shown.add(body.get("model").asText());
            return shows.apply(body.get("model").asText());
        }
    }

    private final ScriptedApis apis = new ScriptedApis();
    private final ModelLister lister = new ModelLister(apis);

    private List<DiscoveredModel> list(String provider, ProviderConfig config) {
        return lister.list(provider, config).await().atMost(Duration.ofSeconds(10));
    }

    private static List<String> ids(List<DiscoveredModel> models) {
        return models.stream().map(DiscoveredModel::upstreamId).toList();
    }

    @Test
    void formatFollowsProtocolThenProviderId() {
        assertEquals(ModelLister.Format.ANTHROPIC, ModelLister.format("anthropic", ANTHROPIC));
        assertEquals(ModelLister.Format.ANTHROPIC, ModelLister.format("custom", ANTHROPIC));
        assertEquals(ModelLister.Format.OLLAMA, ModelLister.format("ollama", OPENAI));
        assertEquals(ModelLister.Format.OPENROUTER, ModelLister.format("openrouter", OPENAI));
        assertEquals(ModelLister.Format.OPENROUTER, ModelLister.format("kilo", OPENAI));
        for (String id : List.of("openai", "groq", "deepseek", "mistral", "together", "fireworks", "xai", "gemini",
                "vllm", "custom")) {
            assertEquals(ModelLister.Format.OPENAI, ModelLister.format(id, OPENAI), id);
        }
    }

    @Test
    void openAiCompatibleListsOnceWithoutPrices() {
        apis.models = Uni.createFrom().item(json("openai-models.json"));
        List<DiscoveredModel> models = list("openai", OPENAI);
        assertEquals(10, models.size());
        assertNull(models.get(0).prices().prompt());
        apis.models = Uni.createFrom().item(json("together-models.json"));
        assertEquals("0.00000088", list("together", OPENAI).get(0).prices().prompt());
    }

    @Test
    void openRouterAndKiloAreReadRichly() {
        apis.models = Uni.createFrom().item(json("openrouter-models.json"));
        for (String provider : List.of("openrouter", "kilo")) {
            DiscoveredModel sonnet = list(provider, OPENAI).get(0);
            assertEquals("0.000003", sonnet.prices().prompt(), provider);
            assertEquals(provider, sonnet.provider());
            assertEquals("openrouter-models", sonnet.source());
        }
    }

    @Test
    void anthropicFollowsTheCursorUntilHasMoreIsFalse() {
        apis.pages = afterId -> Uni.createFrom().item(afterId == null ? object("anthropic-models-page1.json")
                : afterId.equals("claude-haiku-4-5-20251001") ? object("anthropic-models-page2.json")
                        : (ObjectNode) parse("{\"data\": [], \"has_more\": false}"));
        List<DiscoveredModel> models = list("anthropic", ANTHROPIC);
        assertEquals(List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805",
                "claude-3-haiku-20240307"), ids(models));
        assertEquals(Arrays.asList(null, "claude-haiku-4-5-20251001"), apis.afterIds);
    }

    @Test
    void anthropicServerRepeatingAPageIsReadOnce() {
        apis.pages = afterId -> Uni.createFrom().item(object("anthropic-models-page1.json"));
        List<DiscoveredModel> models = list("anthropic", ANTHROPIC);
        assertEquals(List.of("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"), ids(models));
        assertEquals(2, apis.afterIds.size());
    }

    @Test
    void anthropicPagingStopsAtMaxPages() {
        apis.pages = afterId -> {
            String id = "m" + apis.afterIds.size();
            return Uni.createFrom().item((ObjectNode) parse("{\"data\": [{\"id\": \"" + id + "\"}], "
                    + "\"has_more\": true, \"last_id\": \"" + id + "\"}"));
        };
        List<DiscoveredModel> models = list("anthropic", ANTHROPIC);
        assertEquals(ModelLister.MAX_PAGES, apis.afterIds.size());
        assertEquals(ModelLister.MAX_PAGES, models.size());
    }

    @Test
    void ollamaShowsEveryTaggedModelInTagOrder() {
        apis.tags = Uni.createFrom().item(object("ollama-tags.json"));
        apis.shows = name -> Uni.createFrom().item(name.equals("qwen3:8b") ? object("ollama-show-qwen.json")
                : (ObjectNode) parse("{\"capabilities\": [\"completion\"]}"));
        List<DiscoveredModel> models = list("ollama", OPENAI);
        assertEquals(List.of("qwen3:8b", "gemma3:4b", "nomic-embed-text:latest"), ids(models));
        assertEquals(40960, models.get(0).contextLength());
        assertEquals("ollama-show", models.get(1).source());
        assertEquals(3, apis.shown.size());
    }

    @Test
    void ollamaShowCallsAreBoundedAndOrderSurvivesOutOfOrderAnswers() {
        int count = ModelLister.OLLAMA_SHOW_CONCURRENCY + 3;
        StringBuilder tags = new StringBuilder("{\"models\": [");
        for (int i = 0; i < count; i++) {
            tags.append(i == 0 ? "" : ",").append("{\"name\": \"m").append(i).append("\"}");
        }
        apis.tags = Uni.createFrom().item((ObjectNode) parse(tags + "]}"));
        Deque<UniEmitter<? super ObjectNode>> pending = new ArrayDeque<>();
        int[] maxInFlight = {0};
        apis.shows = name -> Uni.createFrom().emitter(emitter -> {
            pending.push(emitter);
            maxInFlight[0] = Math.max(maxInFlight[0], pending.size());
        });
        List<List<DiscoveredModel>> result = new ArrayList<>();
        lister.list("ollama", OPENAI).subscribe().with(result::add);
        assertEquals(ModelLister.OLLAMA_SHOW_CONCURRENCY, pending.size());
        while (!pending.isEmpty()) {
            pending.pop().complete((ObjectNode) parse("{\"capabilities\": [\"completion\"]}"));
        }
        assertEquals(ModelLister.OLLAMA_SHOW_CONCURRENCY, maxInFlight[0]);
        assertEquals(1, result.size());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, ids(result.get(0)));
    }

    @Test
    void ollamaModelWhoseShowFailsIsListedFromItsTag() {
        apis.tags = Uni.createFrom().item(object("ollama-tags.json"));
        apis.shows = name -> name.equals("gemma3:4b")
                ? Uni.createFrom().failure(new UpstreamHttpException(404, "{\"error\":\"model not found\"}", null))
                : Uni.createFrom().item(object("ollama-show-qwen.json"));
        List<DiscoveredModel> models = list("ollama", OPENAI);
        assertEquals(List.of("ollama-show", "ollama-tags", "ollama-show"),
                models.stream().map(DiscoveredModel::source).toList());
        assertNull(models.get(1).contextLength());
    }

    @Test
    void upstreamErrorsBecomeGatewayErrors() {
        apis.models = Uni.createFrom().failure(new UpstreamHttpException(401,
                "{\"error\": {\"message\": \"Incorrect API key provided: sk-abc\"}}", null));
        GatewayException auth = assertThrows(GatewayException.class, () -> list("openai", OPENAI));
        assertEquals(502, auth.status());
        assertEquals("upstream_auth_failed", auth.code());
        apis.tags = Uni.createFrom().failure(new UpstreamHttpException(503, "", "7"));
        GatewayException busy = assertThrows(GatewayException.class, () -> list("ollama", OPENAI));
        assertEquals(503, busy.status());
    }

    @Test
    void anUnansweredCallTimesOut() {
        apis.models = Uni.createFrom().nothing();
        ProviderConfig slow = config(Protocol.OPENAI, Duration.ofMillis(50), "http://upstream.test/v1", null,
                Map.of());
        GatewayException e = assertThrows(GatewayException.class, () -> list("groq", slow));
        assertEquals(504, e.status());
    }

    @Test
    void answersOfTheWrongShapeAreInvalidResponses() {
        apis.models = Uni.createFrom().item(parse("{\"object\": \"list\"}"));
        assertEquals("upstream_invalid_response",
                assertThrows(GatewayException.class, () -> list("openrouter", OPENAI)).code());
        apis.pages = afterId -> Uni.createFrom().item((ObjectNode) parse("{\"models\": []}"));
        assertEquals("upstream_invalid_response",
                assertThrows(GatewayException.class, () -> list("anthropic", ANTHROPIC)).code());
    }
}
