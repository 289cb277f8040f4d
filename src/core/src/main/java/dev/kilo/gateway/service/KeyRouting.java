package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.routing.RoutingControls;
import java.util.ArrayList;
import java.util.List;

/**
 * A key's part in routing. Its allowed and denied models bind every request (the router never picks a model the
 * key may not use); its {@code routing} defaults (profile, max_price, cost_quality_tradeoff, exclude) apply unless
 * the request says otherwise, and its default {@code models} allow-list applies when the request sends none.
 *
 * @param bounds what {@code Router.decide} takes as the key's controls
 * @param defaultModels the key's default allow-list for requests without one, or null
 */
record KeyRouting(RoutingControls bounds, List<String> defaultModels) {

    static final KeyRouting NONE = new KeyRouting(RoutingControls.NONE, null);

    static KeyRouting of(ApiKey key) {
        if (key == null) {
            return NONE;
        }
        KeyLimits limits = key.limits();
        ObjectNode routing = limits.routing();
        RoutingControls defaults = RoutingControls.NONE;
        if (routing != null) {
            ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
            ObjectNode copy = routing.deepCopy();
            copy.remove("profile");
            wrapper.set(RoutingControls.FIELD, copy);
            defaults = RoutingControls.fromBody(wrapper);
        }
        List<String> exclude = new ArrayList<>(limits.deniedModels());
        if (defaults.exclude() != null) {
            exclude.addAll(defaults.exclude());
        }
        String profile = routing == null ? null : routing.path("profile").asText(null);
        RoutingControls bounds = new RoutingControls(profile, defaults.maxPrice(),
                limits.allowedModels().isEmpty() ? null : limits.allowedModels(), exclude.isEmpty() ? null : exclude,
                defaults.costQualityTradeoff());
        return new KeyRouting(bounds, defaults.models());
    }
}
