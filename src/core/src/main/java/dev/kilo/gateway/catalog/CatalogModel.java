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

    /**
     * The automatic router's entry. Listed so clients can pick it; until the router runs, requests for it answer
     * 400 {@code routing_unavailable}.
     */
    public static final CatalogModel KILO_AUTO = new CatalogModel("kilo/auto", "model", null, "kilo", "Kilo: Auto",
            "Picks a suitable upstream model for each coding request: a cheap, fast model for small completions, a "
                    + "frontier model for architecture and hard bugs, and says which one served and why. Not "
                    + "enabled on this gateway yet: requests answer 400 routing_unavailable until the router is "
                    + "deployed.",
            null, new Architecture("text+image->text", List.of("text", "image"), List.of("text"), null), null, null,
            null);

    /** The provider id: the part of the id before the first slash. */
    public String provider() {
        return id.substring(0, id.indexOf('/'));
    }
}
