package dev.kilo.gateway.discovery;

import dev.kilo.gateway.catalog.CatalogModel;
import java.util.List;

/**
 * One model as a provider's model list describes it, before it becomes a catalog document. Every field the source
 * does not state is null: an unknown price is never 0, unknown modalities are not guessed as text, and an unknown
 * parameter list is not filled with defaults.
 *
 * @param provider the gateway's provider id, for example {@code openrouter}
 * @param upstreamId the model name the provider expects in requests, for example {@code anthropic/claude-sonnet-4.5}
 * @param name display name; the upstream id when the source gives none
 * @param description the provider's description, or null
 * @param created epoch seconds, or null
 * @param contextLength tokens of context the provider serves, or null
 * @param maxOutputTokens largest completion the provider allows, or null
 * @param inputModalities OpenRouter's names ({@code text}, {@code image}, {@code file}, {@code audio}), or null
 * @param outputModalities OpenRouter's names ({@code text}, {@code image}, {@code audio}, {@code embeddings}, and
 *        {@code moderation} for classifiers, which OpenRouter does not list), or null
 * @param supportedParameters request parameters the source says the model accepts, or null when it says nothing
 * @param prices per-token prices; {@link Prices#UNKNOWN} when the source has none
 * @param source which list format this came from: {@code openai-models}, {@code openrouter-models},
 *        {@code anthropic-models}, {@code ollama-show} or {@code ollama-tags}
 */
public record DiscoveredModel(
        String provider,
        String upstreamId,
        String name,
        String description,
        Long created,
        Integer contextLength,
        Integer maxOutputTokens,
        List<String> inputModalities,
        List<String> outputModalities,
        List<String> supportedParameters,
        Prices prices,
        String source) {

    public DiscoveredModel {
        prices = prices == null ? Prices.UNKNOWN : prices;
        inputModalities = inputModalities == null ? null : List.copyOf(inputModalities);
        outputModalities = outputModalities == null ? null : List.copyOf(outputModalities);
        supportedParameters = supportedParameters == null ? null : List.copyOf(supportedParameters);
    }

    /**
     * USD per token as decimal strings, exactly as OpenRouter's {@code pricing} object. Each is null when unknown;
     * {@code "0"} means free.
     */
    public record Prices(String prompt, String completion, String cacheRead, String cacheWrite) {

        public static final Prices UNKNOWN = new Prices(null, null, null, null);

        public boolean known() {
            return prompt != null || completion != null || cacheRead != null || cacheWrite != null;
        }
    }

    /** A model named in provider configuration: known by name only until its list or the registry says more. */
    public static DiscoveredModel configured(String provider, String providerName, String upstreamId) {
        return new DiscoveredModel(provider, upstreamId, providerName + ": " + upstreamId, null, null, null, null,
                null, null, null, Prices.UNKNOWN, "config");
    }

    /** The catalog document: id {@code provider/upstreamId}, owned by the provider, unknown fields left out. */
    public CatalogModel toCatalogModel() {
        return new CatalogModel(provider + "/" + upstreamId, "model", created, provider, name, description,
                contextLength, architecture(), pricing(), topProvider(), supportedParameters);
    }

    private CatalogModel.Architecture architecture() {
        if (inputModalities == null && outputModalities == null) {
            return null;
        }
        String modality = inputModalities == null || outputModalities == null ? null
                : String.join("+", inputModalities) + "->" + String.join("+", outputModalities);
        return new CatalogModel.Architecture(modality, inputModalities, outputModalities, null);
    }

    private CatalogModel.Pricing pricing() {
        return prices.known()
                ? new CatalogModel.Pricing(prices.prompt(), prices.completion(), prices.cacheRead(),
                        prices.cacheWrite())
                : null;
    }

    /** OpenRouter reports the output limit under {@code top_provider}, where Kilo Code reads it. */
    private CatalogModel.TopProvider topProvider() {
        return maxOutputTokens == null ? null
                : new CatalogModel.TopProvider(contextLength, maxOutputTokens, null);
    }
}
