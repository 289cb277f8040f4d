package dev.kilo.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The automatic model ids clients pick: our {@code kilo/auto} and Kilo Code's built-in {@code kilo-auto/*} profiles.
 * Until the router serves them, each is served by the model configured for it, and is listed with that model's
 * limits, prices and parameters (Kilo Code hides a model without {@code context_length} or {@code tools}).
 */
public final class AutoModels {

    public static final String KILO_AUTO = "kilo/auto";
    static final String FREE = "kilo-auto/free";

    /** Kilo Code's profiles, and what each is meant for. */
    public static final Map<String, String> PROFILES = Map.of(
            KILO_AUTO, "Picks a suitable model for each coding request",
            "kilo-auto/balanced", "Balanced cost and quality for everyday coding",
            "kilo-auto/frontier", "The strongest model, regardless of price",
            "kilo-auto/efficient", "The cheapest model fit for the task",
            "kilo-auto/small", "A fast, cheap model for titles and summaries",
            FREE, "Only models priced at zero (local Ollama or vLLM)");

    private AutoModels() {
    }

    /** The configured model for each automatic id: its own entry, else the shared default (never for free). */
    public static Map<String, String> mapping(dev.kilo.gateway.config.GatewayConfig.Auto config) {
        Map<String, String> mapping = new java.util.HashMap<>();
        config.model().filter(m -> !m.isBlank()).ifPresent(model -> PROFILES.keySet().stream()
                .filter(id -> !id.equals(FREE)).forEach(id -> mapping.put(id, model)));
        mapping.putAll(config.models());
        return Map.copyOf(mapping);
    }

    public static boolean isAuto(String model) {
        return model.equals(KILO_AUTO) || model.startsWith(KILO_AUTO + ":") || model.startsWith("kilo-auto/");
    }

    /** The listed auto entries, {@code kilo/auto} first, each described by the model it is served by. */
    static List<CatalogModel> entries(Map<String, CatalogModel> catalog, Map<String, String> mapping) {
        List<CatalogModel> entries = new ArrayList<>();
        entries.add(entry(KILO_AUTO, catalog, mapping));
        PROFILES.keySet().stream().filter(id -> !id.equals(KILO_AUTO)).sorted()
                .forEach(id -> entries.add(entry(id, catalog, mapping)));
        return entries;
    }

    private static CatalogModel entry(String id, Map<String, CatalogModel> catalog, Map<String, String> mapping) {
        String target = mapping.get(id);
        CatalogModel served = target == null ? null : catalog.get(target);
        String purpose = PROFILES.get(id) + ".";
        String name = "Kilo: " + id.substring(id.indexOf('/') + 1);
        if (target == null) {
            return new CatalogModel(id, "model", null, "kilo", name, purpose + " Not available on this gateway "
                    + "yet: no model is configured for it (gateway.auto.models) and the router is not running.",
                    null, null, null, null, null);
        }
        String description = purpose + " Served by " + target + " on this gateway until the router runs.";
        if (served == null) {
            return new CatalogModel(id, "model", null, "kilo", name, description, null, null, null, null, null);
        }
        return new CatalogModel(id, "model", served.created(), "kilo", name, description, served.contextLength(),
                served.architecture(), served.pricing(), served.topProvider(), served.supportedParameters());
    }
}
