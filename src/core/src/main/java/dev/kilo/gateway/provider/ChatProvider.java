package dev.kilo.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** A provider that serves chat completions. Results are always in OpenAI's chat completion shape. */
public interface ChatProvider extends Provider {

    /** One whole {@code chat.completion}. Fails with a {@link dev.kilo.gateway.error.GatewayException}. */
    Uni<ObjectNode> chat(GatewayRequest request, String upstreamModel);

    /**
     * {@code chat.completion.chunk} objects as the upstream produces them, ending with a usage-only chunk
     * ({@code choices: []}) whenever the upstream reports usage. Never buffered whole.
     */
    Multi<ObjectNode> chatStream(GatewayRequest request, String upstreamModel);
}
