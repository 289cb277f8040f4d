package dev.kilo.gateway.catalog;

import dev.kilo.gateway.error.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code /v1/models} query filters: {@code provider} and {@code capability} (comma separated, all must hold).
 * Capabilities are read from the OpenRouter-style fields, so a model whose capabilities are unknown matches none.
 */
public final class ModelFilter {

    public static final Map<String, Predicate<CatalogModel>> CAPABILITIES = Map.of(
            "tools", m -> has(m.supportedParameters(), "tools"),
            "vision", m -> m.architecture() != null && has(m.architecture().inputModalities(), "image"),
            "reasoning", m -> has(m.supportedParameters(), "reasoning")
                    || has(m.supportedParameters(), "include_reasoning"),
            "json_schema", m -> has(m.supportedParameters(), "structured_outputs")
                    || has(m.supportedParameters(), "response_format"),
            "free", m -> m.pricing() != null && "0".equals(m.pricing().prompt())
                    && "0".equals(m.pricing().completion()));

    private ModelFilter() {
    }

    public static List<CatalogModel> apply(List<CatalogModel> models, String provider, String capability) {
        Predicate<CatalogModel> keep = m -> true;
        if (provider != null && !provider.isBlank()) {
            keep = keep.and(m -> m.ownedBy() != null && m.ownedBy().equals(provider.strip()));
        }
        if (capability != null && !capability.isBlank()) {
            for (String name : capability.split(",")) {
                Predicate<CatalogModel> test = CAPABILITIES.get(name.strip());
                if (test == null) {
                    throw GatewayException.invalidParam("capability", "invalid_value", "Invalid value for "
                            + "'capability': '" + name.strip() + "'. Supported values are: "
                            + String.join(", ", CAPABILITIES.keySet().stream().sorted().toList()) + ".");
                }
                keep = keep.and(test);
            }
        }
        return models.stream().filter(keep).toList();
    }

    private static boolean has(List<String> values, String value) {
        return values != null && values.contains(value);
    }
}
