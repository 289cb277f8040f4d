package dev.kilo.gateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.GatewayException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's bounds on routing: from the request body's {@code routing} object (and OpenRouter's top-level
 * {@code models}), or as a key's defaults. All optional.
 *
 * @param profile a key's default profile for plain {@code kilo/auto} (never read from a request body: the model id
 *     says it there)
 * @param maxPrice USD per million tokens ({@code prompt}, {@code completion}) and per request ({@code request})
 * @param models allow-list of model id patterns ({@code *} wildcards); a model must match one
 * @param exclude deny-list of model id patterns
 * @param costQualityTradeoff 0 (cheapest) to 10 (best), replacing the profile's ordering
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RoutingControls(String profile, MaxPrice maxPrice, List<String> models, List<String> exclude,
        Double costQualityTradeoff) {

    public static final RoutingControls NONE = new RoutingControls(null, null, null, null, null);
    /** The request body field holding the controls; removed before the request goes upstream. */
    public static final String FIELD = "routing";

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MaxPrice(Double prompt, Double completion, Double request) {

        /** The stricter of two caps, field by field. */
        public static MaxPrice stricter(MaxPrice a, MaxPrice b) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return new MaxPrice(min(a.prompt, b.prompt), min(a.completion, b.completion), min(a.request, b.request));
        }

        private static Double min(Double x, Double y) {
            return x == null ? y : y == null ? x : Math.min(x, y);
        }
    }

    /**
     * Reads and validates the controls of a request body: a 400 naming the parameter for a wrong type or range.
     * {@code max_price} is a number (USD per million tokens, for prompt and completion alike) or an object.
     */
    public static RoutingControls fromBody(ObjectNode body) {
        JsonNode routing = body.get(FIELD);
        JsonNode topModels = body.get("models");
        if ((routing == null || routing.isNull()) && (topModels == null || topModels.isNull())) {
            return NONE;
        }
        if (routing != null && !routing.isNull() && !routing.isObject()) {
            throw GatewayException.invalidParam(FIELD, "invalid_type", "Invalid type for 'routing': expected an "
                    + "object with max_price, models, exclude and cost_quality_tradeoff.");
        }
        JsonNode r = routing == null ? body.objectNode() : routing;
        List<String> models = patterns(r.get("models"), "routing.models");
        if (models == null) {
            models = patterns(topModels, "models");
        }
        return new RoutingControls(null, maxPrice(r.get("max_price")), models,
                patterns(r.get("exclude"), "routing.exclude"), tradeoff(r.get("cost_quality_tradeoff")));
    }

    private static MaxPrice maxPrice(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            double value = nonNegative(node, "routing.max_price");
            return new MaxPrice(value, value, null);
        }
        if (!node.isObject()) {
            throw GatewayException.invalidParam("routing.max_price", "invalid_type", "Invalid type for "
                    + "'routing.max_price': expected a number (USD per million tokens) or an object with prompt, "
                    + "completion (USD per million tokens) and request (USD per request).");
        }
        return new MaxPrice(optionalPrice(node, "prompt"), optionalPrice(node, "completion"),
                optionalPrice(node, "request"));
    }

    private static Double optionalPrice(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : nonNegative(value, "routing.max_price." + field);
    }

    private static double nonNegative(JsonNode value, String param) {
        if (!value.isNumber() || value.asDouble() < 0) {
            throw GatewayException.invalidParam(param, "invalid_value", "Invalid '" + param + "': expected a "
                    + "non-negative number in USD, but got " + value + ".");
        }
        return value.asDouble();
    }

    private static Double tradeoff(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 10) {
            throw GatewayException.invalidParam("routing.cost_quality_tradeoff", "invalid_value", "Invalid "
                    + "'routing.cost_quality_tradeoff': expected a number from 0 (cheapest) to 10 (best), but got "
                    + node + ".");
        }
        return node.asDouble();
    }

    private static List<String> patterns(JsonNode node, String param) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw GatewayException.invalidParam(param, "invalid_type", "Invalid '" + param + "': expected a "
                    + "non-empty array of model id patterns such as \"anthropic/*\" or \"*gpt-5*\".");
        }
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            if (!p.isTextual() || p.asText().isBlank()) {
                throw GatewayException.invalidParam(param + "[" + i + "]", "invalid_type", "Invalid '" + param
                        + "[" + i + "]': expected a model id pattern (a non-empty string).");
            }
            patterns.add(p.asText().strip());
        }
        return List.copyOf(patterns);
    }
}
