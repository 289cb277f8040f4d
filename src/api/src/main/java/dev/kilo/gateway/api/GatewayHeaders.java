package dev.kilo.gateway.api;

import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Response headers the gateway adds, and the request headers services may read; documented in README. */
public final class GatewayHeaders {

    /** Our id for the request, on every response; quote it when reporting a problem. */
    public static final String REQUEST_ID = "x-request-id";
    /** The model that served the request, as {@code provider/model}. */
    public static final String MODEL = "x-kilo-model";
    /** The provider that served the request. */
    public static final String PROVIDER = "x-kilo-provider";

    /**
     * Request headers passed to services as hints: coding clients' session and mode headers (Kilo Code sends
     * these), read for routing and usage. Everything else, credentials above all, stays at the edge.
     */
    static final List<String> HINTS = List.of("x-session-id", "x-session-affinity", "x-kilocode-mode",
            "x-kilocode-taskid", "x-kilocode-feature", "x-kilocode-editorname");

    private GatewayHeaders() {
    }

    /** The hint headers present on this request, by lower-case name. */
    static Map<String, String> hints(RoutingContext routing) {
        Map<String, String> hints = new HashMap<>(4);
        for (String name : HINTS) {
            String value = routing.request().getHeader(name);
            if (value != null && !value.isBlank()) {
                hints.put(name, value);
            }
        }
        return hints;
    }
}
