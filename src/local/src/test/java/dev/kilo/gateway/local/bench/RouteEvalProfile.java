package dev.kilo.gateway.local.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The evaluation explains routes over a catalog of every priced model in model-registry.json, whose providers this
 * process has no keys for: routing may not be limited to configured providers, and dry runs need no records.
 */
public class RouteEvalProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "gateway.routing.only-configured-providers", "false",
                "gateway.routing.record-decisions", "false",
                "gateway.catalog.seed-from-config", "false");
    }
}
