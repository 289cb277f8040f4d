package dev.kilo.gateway.usage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.request.GatewayRequest;

/**
 * The most a request can use, known before it goes upstream: what budget and token-rate reservations hold. Pure.
 * The prompt is bounded by the body size; the output by the request's own maximum, else the model's, else a
 * configured default.
 */
public final class Estimate {

    private Estimate() {
    }

    public static long promptTokens(int bodyBytes, int bytesPerToken) {
        return Math.max(1, (bodyBytes + bytesPerToken - 1) / bytesPerToken);
    }

    public static long outputTokens(GatewayRequest request, CatalogModel model, int defaultMax) {
        if (request.endpoint() == GatewayRequest.Endpoint.EMBEDDINGS) {
            return 0;
        }
        JsonNode body = request.body();
        long perChoice = firstPositive(body.path("max_completion_tokens"), body.path("max_tokens"));
        if (perChoice <= 0 && model != null && model.topProvider() != null
                && model.topProvider().maxCompletionTokens() != null) {
            perChoice = model.topProvider().maxCompletionTokens();
        }
        if (perChoice <= 0) {
            perChoice = defaultMax;
        }
        return perChoice * Math.max(1, body.path("n").asInt(1));
    }

    private static long firstPositive(JsonNode... values) {
        for (JsonNode value : values) {
            if (value.canConvertToLong() && value.asLong() > 0) {
                return value.asLong();
            }
        }
        return 0;
    }
}
