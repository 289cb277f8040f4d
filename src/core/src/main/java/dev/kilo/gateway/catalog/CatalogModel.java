package dev.kilo.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * One model of the catalog, in OpenRouter's model schema (a superset of OpenAI's model object), which coding
 * clients such as Kilo Code read for context length, prices and capabilities.
 * See https://openrouter.ai/docs/api-reference/list-available-models.
 *
 * @param id {@code provider/model}
 * @param pricing USD per token as decimal strings; null when the price is not known (never 0 for "unknown")
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CatalogModel(
        String id,
        String object,
        Long created,
        String ownedBy,
        String name,
        String description,
        Integer contextLength,
        Architecture architecture,
        Pricing pricing,
        TopProvider topProvider,
        List<String> supportedParameters) {

    /** Parameters every chat model served through an OpenAI-style API is expected to take. */
    public static final List<String> COMMON_PARAMETERS = List.of("max_tokens", "temperature", "top_p", "stop",
            "seed", "tools", "tool_choice", "response_format");

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Architecture(String modality, List<String> inputModalities, List<String> outputModalities,
            String tokenizer) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pricing(String prompt, String completion, String inputCacheRead, String inputCacheWrite) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TopProvider(Integer contextLength, Integer maxCompletionTokens, Boolean isModerated) {
    }

    /** A model named in a provider's configuration: what it costs and how large it is stay unknown. */
    public static CatalogModel configured(String provider, String providerName, String upstreamModel, long created) {
        return new CatalogModel(provider + "/" + upstreamModel, "model", created, provider,
                providerName + ": " + upstreamModel,
                "Configured model served by " + providerName + ". Price and limits are unknown until discovery.",
                null,
                new Architecture("text->text", List.of("text"), List.of("text"), null),
                null, null, COMMON_PARAMETERS);
    }

    /** The provider id: the part of the id before the first slash. */
    public String provider() {
        return id.substring(0, id.indexOf('/'));
    }
}
