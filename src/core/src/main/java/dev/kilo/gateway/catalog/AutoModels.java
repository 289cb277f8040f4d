package dev.kilo.gateway.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The automatic model ids clients pick: our {@code kilo/auto} and Kilo Code's built-in {@code kilo-auto/*} profiles,
 * served by the router ({@code dev.kilo.gateway.routing}). Listed in {@code /v1/models} with the limits and
 * parameters of a configured model ({@code gateway.auto.models}) or else of the catalog's largest-context model with
 * tools (Kilo Code hides a model without {@code context_length} or {@code tools}); never with a price, which
 * depends on the request.
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
        CatalogModel shown = target != null ? catalog.get(target) : widest(catalog, id.equals(FREE));
        String purpose = PROFILES.get(id) + ".";
        String name = "Kilo: " + id.substring(id.indexOf('/') + 1);
        if (shown == null) {
            return new CatalogModel(id, "model", null, "kilo", name, purpose + " Not available on this gateway: "
                    + (id.equals(FREE) ? "no model priced at zero is served." : "no model is served yet."),
                    null, null, null, null, null);
        }
        String description = purpose + " Routed per request by the kilo/auto router; POST /v1/route explains a request.";
        return new CatalogModel(id, "model", shown.created(), "kilo", name, description, shown.contextLength(),
                shown.architecture(), null, shown.topProvider(), shown.supportedParameters());
    }

    /** The served model with tools and the largest known context (priced at zero for the free profile). */
    private static CatalogModel widest(Map<String, CatalogModel> catalog, boolean free) {
        CatalogModel widest = null;
        for (CatalogModel m : catalog.values()) {
            if (isAuto(m.id()) || m.contextLength() == null || !ModelFilter.CAPABILITIES.get("tools").test(m)
                    || (free && !ModelFilter.CAPABILITIES.get("free").test(m))) {
                continue;
            }
            if (widest == null || m.contextLength() > widest.contextLength()) {
                widest = m;
            }
        }
        return widest;
    }
}
