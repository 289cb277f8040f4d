package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.provider.UpstreamErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Ollama's native API, which says far more than its OpenAI-compatible {@code /v1/models}:
 * {@code GET /api/tags} lists the local models (https://docs.ollama.com/api/tags) and {@code POST /api/show} gives
 * each one's {@code model_info} and {@code capabilities} (https://docs.ollama.com/api/show). Local models cost
 * nothing per token, but no price is stated, so prices stay unknown rather than a made-up 0.
 */
public final class OllamaModels {

    public static final String SOURCE_SHOW = "ollama-show";
    public static final String SOURCE_TAGS = "ollama-tags";

    /**
     * What Ollama's {@code /v1/chat/completions} accepts (https://docs.ollama.com/api/openai-compatibility), for a
     * model whose capabilities include {@code completion}; {@code tools} and {@code reasoning} are added only when
     * the model's capabilities say so.
     */
    static final List<String> CHAT_PARAMETERS = List.of("max_tokens", "temperature", "top_p", "stop", "seed",
            "frequency_penalty", "presence_penalty", "response_format");

    private OllamaModels() {
    }

    /** One entry of {@code /api/tags}: the model name requests use, and when it was last pulled or changed. */
    public record Tag(String name, Long modifiedAt) {
    }

    /**
     * The native API root of an Ollama whose configured base URL is its OpenAI-compatible root:
     * {@code http://host:11434/v1} becomes {@code http://host:11434}. A URL without {@code /v1} is kept.
     */
    public static String nativeRoot(String baseUrl) {
        String root = stripTrailingSlashes(baseUrl.trim());
        if (root.regionMatches(true, root.length() - 3, "/v1", 0, 3)) {
            root = stripTrailingSlashes(root.substring(0, root.length() - 3));
        }
        return root;
    }

    /** The models of {@code /api/tags}; fails as an invalid upstream response when {@code models} is missing. */
    public static List<Tag> tags(String provider, JsonNode body) {
        JsonNode entries = body == null ? null : body.path("models");
        if (entries == null || !entries.isArray()) {
            throw UpstreamErrors.invalidResponse(provider);
        }
        List<Tag> tags = new ArrayList<>();
        for (JsonNode entry : entries) {
            String name = Fields.text(entry, "name");
            if (name == null) {
                name = Fields.text(entry, "model");
            }
            if (name != null) {
                tags.add(new Tag(name, Fields.rfc3339Seconds(entry, "modified_at")));
            }
        }
        return tags;
    }

    /** A model from its {@code /api/show} answer. */
    public static DiscoveredModel fromShow(String provider, Tag tag, JsonNode show) {
        List<String> capabilities = Fields.strings(show, "capabilities");
        return new DiscoveredModel(provider, tag.name(), tag.name(), null, tag.modifiedAt(), contextLength(show),
                null, inputModalities(capabilities), outputModalities(capabilities),
                supportedParameters(capabilities), DiscoveredModel.Prices.UNKNOWN, SOURCE_SHOW);
    }

    /** A model known only from {@code /api/tags}, for when its {@code /api/show} failed: everything else unknown. */
    public static DiscoveredModel fromTag(String provider, Tag tag) {
        return new DiscoveredModel(provider, tag.name(), tag.name(), null, tag.modifiedAt(), null, null, null, null,
                null, DiscoveredModel.Prices.UNKNOWN, SOURCE_TAGS);
    }

    /**
     * The context the model was trained for ({@code <architecture>.context_length}), lowered to the Modelfile's
     * {@code num_ctx} when one is set, since Ollama serves that window. A server-wide default
     * ({@code OLLAMA_CONTEXT_LENGTH}) cannot be seen from the API and may be smaller still.
     */
    static Integer contextLength(JsonNode show) {
        JsonNode info = show.path("model_info");
        String architecture = Fields.text(info, "general.architecture");
        Integer trained = architecture == null ? null : Fields.positiveInt(info, architecture + ".context_length");
        Integer numCtx = numCtx(Fields.text(show, "parameters"));
        if (trained == null || numCtx == null) {
            return trained == null ? numCtx : trained;
        }
        return Math.min(trained, numCtx);
    }

    /** {@code num_ctx} from the Modelfile parameters text ({@code "num_ctx 8192\ntemperature 0.6"}), or null. */
    static Integer numCtx(String parameters) {
        if (parameters == null) {
            return null;
        }
        for (String line : parameters.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals("num_ctx")) {
                try {
                    int value = Integer.parseInt(parts[1]);
                    return value > 0 ? value : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    static List<String> inputModalities(List<String> capabilities) {
        if (capabilities == null) {
            return null;
        }
        if (!capabilities.contains("completion") && !capabilities.contains("embedding")) {
            return null;
        }
        return capabilities.contains("vision") ? List.of("text", "image") : List.of("text");
    }

    static List<String> outputModalities(List<String> capabilities) {
        if (capabilities == null) {
            return null;
        }
        if (capabilities.contains("completion")) {
            return List.of("text");
        }
        return capabilities.contains("embedding") ? List.of("embeddings") : null;
    }

    static List<String> supportedParameters(List<String> capabilities) {
        if (capabilities == null || !capabilities.contains("completion")) {
            return null;
        }
        List<String> parameters = new ArrayList<>(CHAT_PARAMETERS);
        if (capabilities.contains("tools")) {
            parameters.add("tools");
        }
        if (capabilities.contains("thinking")) {
            parameters.add("reasoning");
        }
        return parameters;
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
