package dev.kilo.gateway.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** A provider with OpenAI's legacy {@code /completions} endpoint (plain text and fill-in-the-middle). */
public interface TextCompletionProvider extends Provider {

    Uni<ObjectNode> complete(GatewayRequest request, String upstreamModel);

    Multi<ObjectNode> completeStream(GatewayRequest request, String upstreamModel);
}
