package dev.kilo.gateway.service;

import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.request.GatewayRequest;
import java.util.Map;

/**
 * One call of a completion endpoint: the validated request and what the edge knows about it.
 *
 * @param key the caller's verified key
 * @param requestId our id for the request, the usage record's key and the {@code x-request-id} header
 * @param bodyBytes size of the request body, which bounds its prompt tokens for budget reservations
 * @param headers request headers a service may read (lower-case names), such as session hints
 */
public record GatewayCall(GatewayRequest request, ApiKey key, String requestId, int bodyBytes,
        Map<String, String> headers) {

    public GatewayCall {
        headers = headers == null ? Map.of() : headers;
    }
}
