package dev.kilo.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Uni;

/** A provider with OpenAI's {@code /embeddings} endpoint. */
public interface EmbeddingProvider extends Provider {

    Uni<ObjectNode> embed(GatewayRequest request, String upstreamModel);
}
