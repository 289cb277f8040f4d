package dev.kilo.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.catalog.CatalogModel.Architecture;
import dev.kilo.gateway.catalog.CatalogModel.Pricing;
import dev.kilo.gateway.catalog.CatalogModel.TopProvider;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small, realistic catalog (prices and limits as in model-registry.json) and request builders. */
final class RoutingFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final QualityPriors PRIORS = QualityPriors.load(JSON);
    static final List<String> ALL_CAPS = List.of("tools", "tool_choice", "response_format", "structured_outputs",
            "reasoning", "include_reasoning");

    private RoutingFixtures() {
    }

    static CatalogModel model(String id, int context, double prompt, double completion, List<String> params,
            boolean vision) {
        Pricing pricing = prompt < 0 ? null : new Pricing(perToken(prompt), perToken(completion), null, null);
        return new CatalogModel(id, "model", null, id.substring(0, id.indexOf('/')), id, null, context,
                new Architecture("text->text", vision ? List.of("text", "image") : List.of("text"), List.of("text"),
                        null),
                pricing, new TopProvider(context, 64_000, false), params);
    }

    private static String perToken(double perMillion) {
        return new java.math.BigDecimal(perMillion).movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    static List<CatalogModel> catalog() {
        List<String> noJson = List.of("tools", "tool_choice", "reasoning", "include_reasoning");
        return List.of(
                model("openai/gpt-5", 400_000, 1.25, 10, ALL_CAPS, true),
                model("openai/gpt-5-mini", 400_000, 0.25, 2, ALL_CAPS, true),
                model("openai/gpt-5-nano", 400_000, 0.05, 0.4, ALL_CAPS, true),
                model("anthropic/claude-opus-4-5", 200_000, 5, 25, noJson, true),
                model("anthropic/claude-sonnet-4-5", 200_000, 3, 15, noJson, true),
                model("anthropic/claude-haiku-4-5", 200_000, 1, 5, noJson, true),
                model("xai/grok-code-fast-1", 256_000, 0.2, 1.5, ALL_CAPS, false),
                model("groq/llama-3.3-70b-versatile", 131_072, 0.59, 0.79, List.of("tools", "tool_choice"), false),
                model("ollama/qwen3-coder:30b", 32_768, 0, 0, List.of("tools"), false),
                model("deepseek/deepseek-chat", 128_000, -1, -1, List.of("tools", "tool_choice"), false),
                model("openai/text-embedding-3-small", 8_191, 0.02, 0, List.of(), false));
    }

    static RoutingPolicy policy() {
        return policy(catalog(), Set.of());
    }

    static RoutingPolicy policy(List<CatalogModel> catalog, Set<String> degraded) {
        return RoutingPolicy.of(PolicyCompiler.compile(catalog, PRIORS, degraded, 7, Instant.EPOCH).withVersion(3));
    }

    static RequestSignals signals(ObjectNode body, Map<String, String> headers) {
        Endpoint endpoint = body.has("prompt") ? Endpoint.COMPLETIONS : Endpoint.CHAT_COMPLETIONS;
        return SignalExtractor.extract(endpoint, body, name -> headers.get(name));
    }

    static RequestSignals signals(String json) {
        return signals(body(json), Map.of());
    }

    static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chat body with one user message (JSON-escaped here). */
    static ObjectNode userChat(String text) {
        ObjectNode body = JSON.createObjectNode().put("model", "kilo/auto");
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        return body;
    }

    record Labelled(String id, String label, Map<String, String> headers, ObjectNode body) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Labelled> labelled(String resource) {
        List<Labelled> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RoutingFixtures.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(line);
                Map<String, String> headers = JSON.convertValue(row.path("headers"),
                        JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
                rows.add(new Labelled(row.path("id").asText(), row.path("label").asText(), headers,
                        (ObjectNode) row.path("body")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
