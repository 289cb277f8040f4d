package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads OpenRouter's {@code GET /api/v1/models}, whose schema the catalog itself uses, so its fields map one to one
 * (https://openrouter.ai/docs/api-reference/list-available-models). The hosted Kilo gateway serves the same schema
 * at {@code /api/gateway/models} (https://kilo.ai/docs/gateway/models-and-providers).
 *
 * <p>Prices are decimal strings in USD per token. {@code "0"} is a real price (the {@code :free} variants);
 * a negative price ({@code "-1"} on {@code openrouter/auto}) means the price depends on the model the router picks,
 * so it is unknown here.
 */
public final class OpenRouterModelList {

    public static final String SOURCE = "openrouter-models";

    private OpenRouterModelList() {
    }

    /** The models of a list body; fails as an invalid upstream response when {@code data} is not an array. */
    public static List<DiscoveredModel> parse(String provider, JsonNode body) {
        JsonNode entries = Fields.entries(provider, body, false);
        List<DiscoveredModel> models = Fields.models(provider, entries, (id, entry) -> model(provider, id, entry));
        return models;
    }

    private static DiscoveredModel model(String provider, String id, JsonNode entry) {
        String name = Fields.text(entry, "name");
        JsonNode architecture = entry.path("architecture");
        JsonNode pricing = entry.path("pricing");
        DiscoveredModel.Prices prices = new DiscoveredModel.Prices(
                Fields.perTokenPrice(pricing, "prompt"),
                Fields.perTokenPrice(pricing, "completion"),
                Fields.perTokenPrice(pricing, "input_cache_read"),
                Fields.perTokenPrice(pricing, "input_cache_write"));
        Integer context = Fields.positiveInt(entry, "context_length");
        if (context == null) {
            context = Fields.positiveInt(entry.path("top_provider"), "context_length");
        }
        return new DiscoveredModel(provider, id, name == null ? id : name, Fields.text(entry, "description"),
                Fields.epochSeconds(entry, "created"), context,
                Fields.positiveInt(entry.path("top_provider"), "max_completion_tokens"),
                Fields.strings(architecture, "input_modalities"), Fields.strings(architecture, "output_modalities"),
                Fields.strings(entry, "supported_parameters"), prices, SOURCE);
    }
}
