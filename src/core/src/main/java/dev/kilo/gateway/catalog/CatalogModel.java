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

    /** The provider id: the part of the id before the first slash. */
    public String provider() {
        return id.substring(0, id.indexOf('/'));
    }
}
