package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one page of Anthropic's {@code GET /v1/models} (https://docs.anthropic.com/en/api/models-list):
 * {@code data}, {@code has_more}, {@code first_id}, {@code last_id}. Newer API versions add {@code max_input_tokens},
 * {@code max_tokens} and a {@code capabilities} object to each model; older answers have only {@code id},
 * {@code display_name} and {@code created_at}, and then limits and input modalities stay unknown. Prices are not in
 * the API at all.
 */
public final class AnthropicModelList {

    public static final String SOURCE = "anthropic-models";

    private AnthropicModelList() {
    }

    /**
     * One page.
     *
     * @param hasMore Anthropic's {@code has_more}
     * @param lastId the cursor for the next page ({@code after_id}), or null
     */
    public record Page(List<DiscoveredModel> models, boolean hasMore, String lastId) {

        /** The {@code after_id} of the next page, or null when this is the last one. */
        public String nextAfterId() {
            return hasMore ? lastId : null;
        }
    }

    /** A page body; fails as an invalid upstream response when {@code data} is not an array. */
    public static Page parse(String provider, JsonNode body) {
        JsonNode entries = Fields.entries(provider, body, false);
        List<DiscoveredModel> models = Fields.models(provider, entries, (id, entry) -> model(provider, id, entry));
        return new Page(models, body.path("has_more").asBoolean(false), Fields.text(body, "last_id"));
    }

    private static DiscoveredModel model(String provider, String id, JsonNode entry) {
        String name = Fields.text(entry, "display_name");
        // Every model of the Messages API answers in text; what it reads is stated only by `capabilities`.
        return new DiscoveredModel(provider, id, name == null ? id : name, null,
                Fields.rfc3339Seconds(entry, "created_at"), Fields.positiveInt(entry, "max_input_tokens"),
                Fields.positiveInt(entry, "max_tokens"), inputModalities(entry.path("capabilities")),
                List.of("text"), null, DiscoveredModel.Prices.UNKNOWN, SOURCE);
    }

    /** Text plus whatever {@code capabilities} marks as supported, or null when there is no capabilities object. */
    static List<String> inputModalities(JsonNode capabilities) {
        if (!capabilities.isObject()) {
            return null;
        }
        List<String> input = new ArrayList<>(List.of("text"));
        if (capabilities.path("image_input").path("supported").asBoolean(false)) {
            input.add("image");
        }
        if (capabilities.path("pdf_input").path("supported").asBoolean(false)) {
            input.add("file");
        }
        return input;
    }
}
