package dev.kilo.gateway.discovery;

import dev.kilo.gateway.discovery.DiscoveredModel.Prices;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One model of the curated registry ({@code model-registry.json}): what a provider's model list usually does not say.
 * Every field the registry does not know is null (or empty for the lists that name things), never a guess.
 *
 * @param id the upstream model name, lower case, for example {@code claude-sonnet-4-5}
 * @param aliases other names of the same model (dated snapshots, OpenRouter-style dotted names, Ollama tags)
 * @param providers the gateway's provider ids that serve it; only these can carry a price
 * @param name display name
 * @param contextLength context window in tokens, or null
 * @param maxOutputTokens largest completion in tokens, or null
 * @param inputModalities OpenRouter's names ({@code text}, {@code image}, {@code file}, {@code audio}), or null
 * @param outputModalities OpenRouter's names, or null
 * @param capabilities a subset of {@link #CAPABILITIES}, or null when the registry does not know them
 * @param unsupportedParameters parameters the model rejects although its capabilities would suggest them (for
 *        example {@code temperature} on OpenAI's reasoning models)
 * @param providerPrices per-token prices by provider id; a provider that is not a key has no known price
 * @param prices the prices of the provider the entry was {@linkplain #forProvider chosen for}; {@link Prices#UNKNOWN}
 *        on the registry's own (provider-neutral) entries
 * @param source the key of the registry's {@code sources} the figures come from
 * @param notes what the figures do not show (price tiers, moving aliases), or null
 */
public record RegistryEntry(
        String id,
        List<String> aliases,
        List<String> providers,
        String name,
        Integer contextLength,
        Integer maxOutputTokens,
        List<String> inputModalities,
        List<String> outputModalities,
        List<String> capabilities,
        List<String> unsupportedParameters,
        Map<String, Prices> providerPrices,
        Prices prices,
        String source,
        String notes) {

    public static final String TOOLS = "tools";
    public static final String VISION = "vision";
    public static final String REASONING = "reasoning";
    public static final String PROMPT_CACHING = "prompt_caching";
    public static final String JSON_SCHEMA = "json_schema";

    /** The capabilities the registry may name. */
    public static final Set<String> CAPABILITIES = Set.of(TOOLS, VISION, REASONING, PROMPT_CACHING, JSON_SCHEMA);

    /** Parameters every chat model takes, listed whatever its capabilities. */
    public static final List<String> BASE_PARAMETERS = List.of("max_tokens", "temperature", "top_p", "stop");

    public RegistryEntry {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        providers = providers == null ? List.of() : List.copyOf(providers);
        inputModalities = inputModalities == null ? null : List.copyOf(inputModalities);
        outputModalities = outputModalities == null ? null : List.copyOf(outputModalities);
        capabilities = capabilities == null ? null : List.copyOf(capabilities);
        unsupportedParameters = unsupportedParameters == null ? List.of() : List.copyOf(unsupportedParameters);
        providerPrices = providerPrices == null ? Map.of() : Map.copyOf(providerPrices);
        prices = prices == null ? Prices.UNKNOWN : prices;
    }

    /** Whether the registry says the model has the capability (false when it does not know). */
    public boolean has(String capability) {
        return capabilities != null && capabilities.contains(capability);
    }

    /** Whether the provider is one of those the entry names as serving the model. */
    public boolean servedBy(String provider) {
        return providers.contains(provider);
    }

    /**
     * This entry as seen from one provider: its prices are that provider's own, or unknown when the provider is not
     * priced here (other providers may serve the same weights at another price).
     */
    public RegistryEntry forProvider(String provider) {
        Prices chosen = provider == null ? Prices.UNKNOWN : providerPrices.getOrDefault(provider, Prices.UNKNOWN);
        return new RegistryEntry(id, aliases, providers, name, contextLength, maxOutputTokens, inputModalities,
                outputModalities, capabilities, unsupportedParameters, providerPrices, chosen, source, notes);
    }

    /**
     * The request parameters the capabilities imply, in OpenRouter's names and sorted: {@link #BASE_PARAMETERS};
     * {@code tools} and {@code tool_choice} for tools; {@code response_format} and {@code structured_outputs} for
     * JSON schema output; {@code reasoning} and {@code include_reasoning} for reasoning; less what the model rejects.
     * Null when the capabilities are unknown.
     */
    public List<String> supportedParameters() {
        if (capabilities == null) {
            return null;
        }
        Set<String> parameters = new TreeSet<>(BASE_PARAMETERS);
        if (has(TOOLS)) {
            parameters.add("tools");
            parameters.add("tool_choice");
        }
        if (has(JSON_SCHEMA)) {
            parameters.add("response_format");
            parameters.add("structured_outputs");
        }
        if (has(REASONING)) {
            parameters.add("reasoning");
            parameters.add("include_reasoning");
        }
        unsupportedParameters.forEach(parameters::remove);
        return List.copyOf(parameters);
    }
}
