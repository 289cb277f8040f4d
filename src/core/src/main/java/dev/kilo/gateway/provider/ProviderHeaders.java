package dev.kilo.gateway.provider;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.Map;

/** Adds a provider's authentication and fixed headers to every upstream call. */
public final class ProviderHeaders implements ClientRequestFilter {

    private final Map<String, String> headers;

    public ProviderHeaders(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void filter(ClientRequestContext request) {
        headers.forEach((name, value) -> request.getHeaders().putSingle(name, value));
    }
}
