package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.discovery.DiscoveredModel.Prices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one entry of {@code model-registry.json} strictly: every figure is checked (non-negative decimal prices,
 * positive counts, known capabilities and sources), so the registry never says more than it knows.
 */
final class RegistryDocument {

    private RegistryDocument() {
    }

    static RegistryEntry entry(JsonNode node, Set<String> sources) {
        String id = ModelRegistry.normalize(text(node, "id"));
        if (id == null || id.isEmpty()) {
            throw invalid("a model has no id");
        }
        String where = "model " + id;
        List<String> providers = strings(node, "providers", where);
        String source = text(node, "source");
        if (source == null || !sources.contains(source)) {
            throw invalid(where + " names the undefined source " + source);
        }
        List<String> capabilities = node.has("capabilities") ? strings(node, "capabilities", where) : null;
        if (capabilities != null) {
            for (String capability : capabilities) {
                if (!RegistryEntry.CAPABILITIES.contains(capability)) {
                    throw invalid(where + " has the unknown capability " + capability);
                }
            }
        }
        String name = text(node, "name");
        return new RegistryEntry(id,
                strings(node, "aliases", where).stream().map(ModelRegistry::normalize).toList(),
                providers,
                name == null ? id : name,
                positive(node, "context_length", where),
                positive(node, "max_output_tokens", where),
                node.has("input_modalities") ? strings(node, "input_modalities", where) : null,
                node.has("output_modalities") ? strings(node, "output_modalities", where) : null,
                capabilities,
                strings(node, "unsupported_parameters", where),
                pricing(node.path("pricing"), providers, sources, where),
                Prices.UNKNOWN,
                source,
                text(node, "notes"));
    }

    /**
     * Prices by provider. {@code pricing} is either one price object, which applies to every provider the entry
     * names, or an object keyed by provider id whose values are price objects (for weights several providers serve
     * at different prices).
     */
    private static Map<String, Prices> pricing(JsonNode pricing, List<String> providers, Set<String> sources,
            String where) {
        if (pricing.isMissingNode() || pricing.isNull()) {
            return Map.of();
        }
        if (!pricing.isObject()) {
            throw invalid(where + ": pricing is not an object");
        }
        Map<String, Prices> byProvider = new LinkedHashMap<>();
        boolean flat = ModelRegistry.PRICE_FIELDS.stream().anyMatch(pricing::has);
        if (flat) {
            if (providers.isEmpty()) {
                throw invalid(where + " has a price but names no provider");
            }
            Prices prices = prices(pricing, sources, where);
            providers.forEach(provider -> byProvider.put(provider, prices));
            return byProvider;
        }
        pricing.fields().forEachRemaining(field -> {
            if (!providers.contains(field.getKey())) {
                throw invalid(where + " prices " + field.getKey() + ", which is not one of its providers");
            }
            byProvider.put(field.getKey(), prices(field.getValue(), sources, where + " at " + field.getKey()));
        });
        return byProvider;
    }

    private static Prices prices(JsonNode node, Set<String> sources, String where) {
        if (!node.isObject()) {
            throw invalid(where + ": a price is not an object");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!ModelRegistry.PRICE_FIELDS.contains(field) && !"source".equals(field)) {
                throw invalid(where + " has the unknown price field " + field);
            }
        });
        String source = text(node, "source");
        if (node.has("source") && (source == null || !sources.contains(source))) {
            throw invalid(where + " names the undefined source " + source);
        }
        Prices prices = new Prices(price(node, "prompt", where), price(node, "completion", where),
                price(node, "input_cache_read", where), price(node, "input_cache_write", where));
        if (!prices.known()) {
            throw invalid(where + " has a price object without a price");
        }
        return prices;
    }

    /** A price as a plain decimal string, or null when absent. */
    private static String price(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(where + ": " + field + " is not a decimal string");
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw invalid(where + ": " + field + " is not a decimal (" + value.asText() + ")");
        }
        if (decimal.signum() < 0) {
            throw invalid(where + ": " + field + " is negative");
        }
        return decimal.toPlainString();
    }

    private static Integer positive(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0) {
            throw invalid(where + ": " + field + " is not a positive integer");
        }
        return value.asInt();
    }

    static List<String> strings(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(where + ": " + field + " is not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw invalid(where + ": " + field + " holds something other than a name");
            }
            out.add(item.asText());
        }
        return out;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }


    static IllegalStateException invalid(String what) {
        return new IllegalStateException("Invalid model registry: " + what);
    }
}
