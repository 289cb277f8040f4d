package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code GET /models} of OpenAI-compatible APIs. OpenAI's own object has only {@code id}, {@code created} and
 * {@code owned_by} (https://platform.openai.com/docs/api-reference/models/list), so most of a model stays unknown:
 * no prices, no context length, no parameter list. Providers that add documented fields are read where they say
 * something:
 * <ul>
 * <li>Groq: {@code context_window}, {@code max_completion_tokens}
 * (https://console.groq.com/docs/api-reference#models)</li>
 * <li>Together: a bare JSON array rather than {@code {"data": [...]}}, with {@code display_name}, {@code type},
 * {@code context_length} and {@code pricing} in USD per million tokens
 * (https://docs.together.ai/reference/models-1)</li>
 * <li>Mistral: {@code max_context_length}, {@code description} and a {@code capabilities} object
 * (https://docs.mistral.ai/api/#tag/models)</li>
 * <li>Gemini's OpenAI-compatible endpoint: ids prefixed {@code models/}, which chat requests do not need
 * (https://ai.google.dev/gemini-api/docs/openai#list-models)</li>
 * <li>vLLM: {@code max_model_len} (https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html)</li>
 * <li>Fireworks: {@code context_length}, {@code supports_chat}, {@code supports_image_input} where present (its
 * OpenAI-compatible list at {@code /inference/v1/models} is not documented field by field)</li>
 * </ul>
 * Non-chat models are kept, not filtered: their modalities are set where a field or an unmistakable id says what
 * they are ({@link #idModalities}), so the catalog can tell an embedding model from a chat model.
 */
public final class OpenAiModelList {

    public static final String SOURCE = "openai-models";

    private static final String GEMINI_PREFIX = "models/";
    private static final List<String> TEXT = List.of("text");

    private OpenAiModelList() {
    }

    /** Input and output modalities, either of which may be null (unknown). */
    record Modalities(List<String> input, List<String> output) {
        static final Modalities UNKNOWN = new Modalities(null, null);
    }

    /** The models of a list body; fails as an invalid upstream response when it is neither shape. */
    public static List<DiscoveredModel> parse(String provider, JsonNode body) {
        JsonNode entries = Fields.entries(provider, body, true);
        List<DiscoveredModel> models = Fields.models(provider, entries, (id, entry) -> model(provider, id, entry));
        return models;
    }

    private static DiscoveredModel model(String provider, String rawId, JsonNode entry) {
        String id = rawId.startsWith(GEMINI_PREFIX) ? rawId.substring(GEMINI_PREFIX.length()) : rawId;
        String displayName = Fields.text(entry, "display_name");
        Integer context = Fields.firstPositiveInt(entry, "context_window", "context_length", "max_context_length",
                "max_model_len");
        Modalities modalities = fieldModalities(entry);
        if (modalities.equals(Modalities.UNKNOWN)) {
            modalities = idModalities(id);
        }
        JsonNode pricing = entry.path("pricing");
        DiscoveredModel.Prices prices = new DiscoveredModel.Prices(Fields.perMillionPrice(pricing, "input"),
                Fields.perMillionPrice(pricing, "output"), null, null);
        return new DiscoveredModel(provider, id, displayName == null ? id : displayName,
                Fields.text(entry, "description"), Fields.epochSeconds(entry, "created"), context,
                Fields.positiveInt(entry, "max_completion_tokens"), modalities.input(), modalities.output(), null,
                prices, SOURCE);
    }

    /** What a provider's own fields say, checked in the order of the list in the class comment. */
    static Modalities fieldModalities(JsonNode entry) {
        JsonNode capabilities = entry.path("capabilities");
        if (capabilities.isObject() && capabilities.has("vision")) {
            return new Modalities(capabilities.path("vision").asBoolean() ? List.of("text", "image") : TEXT,
                    capabilities.path("completion_chat").asBoolean() ? TEXT : null);
        }
        Boolean imageInput = Fields.flag(entry, "supports_image_input");
        if (imageInput != null) {
            return new Modalities(imageInput ? List.of("text", "image") : TEXT,
                    Boolean.TRUE.equals(Fields.flag(entry, "supports_chat")) ? TEXT : null);
        }
        String type = Fields.text(entry, "type");
        if (type == null) {
            return Modalities.UNKNOWN;
        }
        return switch (type) {
            // A Together chat model may take images; its list does not say which do.
            case "chat", "language", "code" -> new Modalities(null, TEXT);
            case "embedding" -> new Modalities(TEXT, List.of("embeddings"));
            case "image" -> new Modalities(TEXT, List.of("image"));
            case "moderation" -> new Modalities(TEXT, List.of("moderation"));
            default -> Modalities.UNKNOWN;
        };
    }

    /**
     * Families whose id says what they are, from OpenAI's model list (which has no other field for it). Everything
     * else, chat models included, stays unknown: a chat model's id does not say whether it reads images.
     */
    static Modalities idModalities(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.contains("embedding")) {
            return new Modalities(TEXT, List.of("embeddings"));
        }
        if (lower.contains("whisper") || lower.contains("transcribe")) {
            return new Modalities(List.of("audio"), TEXT);
        }
        if (lower.startsWith("tts-") || lower.contains("-tts")) {
            return new Modalities(TEXT, List.of("audio"));
        }
        if (lower.startsWith("dall-e")) {
            return new Modalities(TEXT, List.of("image"));
        }
        if (lower.startsWith("omni-moderation")) {
            return new Modalities(List.of("text", "image"), List.of("moderation"));
        }
        if (lower.startsWith("text-moderation")) {
            return new Modalities(TEXT, List.of("moderation"));
        }
        // Base completion models: text in, text out, on /v1/completions only.
        if (lower.startsWith("davinci") || lower.startsWith("babbage")) {
            return new Modalities(TEXT, TEXT);
        }
        return Modalities.UNKNOWN;
    }
}
