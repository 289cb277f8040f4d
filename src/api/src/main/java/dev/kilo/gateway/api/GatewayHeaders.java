package dev.kilo.gateway.api;

/** Response headers the gateway adds; documented in README ("Response headers"). */
public final class GatewayHeaders {

    /** Our id for the request, on every response; quote it when reporting a problem. */
    public static final String REQUEST_ID = "x-request-id";
    /** The model that served the request, as {@code provider/model}. */
    public static final String MODEL = "x-kilo-model";
    /** The provider that served the request. */
    public static final String PROVIDER = "x-kilo-provider";

    private GatewayHeaders() {
    }
}
