package dev.kilo.gateway.request;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated request body, parsed once at the edge and handed to a provider.
 *
 * @param endpoint which API was called
 * @param body the body as the caller sent it, minus gateway-only dialect fields (OpenRouter's {@code usage});
 *     providers copy what they forward and never change this one
 * @param model the requested model id, {@code provider/model}
 * @param stream whether the caller asked for a stream
 * @param includeUsage whether the caller asked for the usage chunk at the end of a stream
 *     ({@code stream_options.include_usage} or OpenRouter's {@code usage.include})
 */
public record GatewayRequest(Endpoint endpoint, ObjectNode body, String model, boolean stream, boolean includeUsage) {

    public enum Endpoint {
        CHAT_COMPLETIONS,
        COMPLETIONS,
        EMBEDDINGS
    }
}
