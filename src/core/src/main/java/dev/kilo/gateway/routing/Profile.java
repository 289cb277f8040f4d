package dev.kilo.gateway.routing;

import dev.kilo.gateway.error.GatewayException;
import java.util.Locale;
import java.util.Map;

/**
 * How much price matters when choosing among the models fit for a request. Chosen by the automatic model id:
 * {@code kilo/auto} (balanced), {@code kilo/auto:eco}, {@code kilo/auto:frontier}, and Kilo Code's own
 * {@code kilo-auto/*} ids.
 */
public enum Profile {

    /** Quality per dollar: a better model must be worth its price for this class of task. */
    BALANCED(5),
    /** The cheapest model whose quality clears the task class's bar. */
    ECO(0),
    /** The strongest model for the class, whatever it costs. */
    FRONTIER(10),
    /** Only models priced at zero (local Ollama or vLLM, free tiers), strongest first. */
    FREE(10);

    private static final Map<String, Profile> BY_ID = Map.ofEntries(
            Map.entry("kilo/auto", BALANCED),
            Map.entry("kilo/auto:balanced", BALANCED),
            Map.entry("kilo/auto:eco", ECO),
            Map.entry("kilo/auto:frontier", FRONTIER),
            Map.entry("kilo/auto:free", FREE),
            Map.entry("kilo-auto/balanced", BALANCED),
            Map.entry("kilo-auto/frontier", FRONTIER),
            Map.entry("kilo-auto/efficient", ECO),
            Map.entry("kilo-auto/small", ECO),
            Map.entry("kilo-auto/free", FREE));

    private final int tradeoff;

    Profile(int tradeoff) {
        this.tradeoff = tradeoff;
    }

    /** The profile's place on the 0 (cheapest) to 10 (best) cost-quality scale. */
    public int tradeoff() {
        return tradeoff;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a model id is one of the automatic ids the router serves. */
    public static boolean isAutomatic(String model) {
        return BY_ID.containsKey(model);
    }

    /** The profile an automatic id stands for; a 400 naming {@code model} for an unknown automatic id. */
    public static Profile ofModel(String model) {
        Profile profile = BY_ID.get(model);
        if (profile == null) {
            throw GatewayException.invalidParam("model", "model_not_found", "'" + model + "' is not an automatic "
                    + "model id. Use kilo/auto, kilo/auto:eco, kilo/auto:frontier or kilo-auto/balanced|frontier|"
                    + "efficient|small|free.");
        }
        return profile;
    }

    public static Profile fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
