package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.ModelResolver;
import dev.kilo.gateway.catalog.Target;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.provider.ChatProvider;
import dev.kilo.gateway.provider.EmbeddingProvider;
import dev.kilo.gateway.provider.Provider;
import dev.kilo.gateway.provider.TextCompletionProvider;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serves a validated request: resolves the model, calls its provider, shapes the answer. The one service behind
 * every completion transport (local server, Lambda function, tests).
 */
@ApplicationScoped
public class GatewayService {

    private final ModelResolver resolver;

    public GatewayService(ModelResolver resolver) {
        this.resolver = resolver;
    }

    /** A whole (non-streamed) answer. */
    public Uni<Served> respond(GatewayRequest request) {
        Target target = resolver.resolve(request.model());
        Uni<ObjectNode> answer = switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> chatProvider(target).chat(request, target.upstreamModel());
            case COMPLETIONS -> textProvider(target, request).complete(request, target.upstreamModel());
            case EMBEDDINGS -> embeddingProvider(target).embed(request, target.upstreamModel());
        };
        return answer.map(body -> new Served(target, ResponseShaper.whole(body, target.modelId())));
    }

    /** A stream, emitted once its first chunk has arrived, so earlier failures still get a real HTTP status. */
    public Uni<ServedStream> stream(GatewayRequest request) {
        Target target = resolver.resolve(request.model());
        Multi<ObjectNode> chunks = switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> chatProvider(target).chatStream(request, target.upstreamModel());
            case COMPLETIONS -> textProvider(target, request).completeStream(request, target.upstreamModel());
            case EMBEDDINGS -> throw GatewayException.invalidParam("stream", "invalid_value",
                    "Embeddings cannot be streamed.");
        };
        Multi<ObjectNode> shaped = chunks
                .filter(chunk -> ResponseShaper.visible(chunk, request.includeUsage()))
                .map(chunk -> ResponseShaper.chunk(chunk, target.modelId(), request.includeUsage()));
        return StreamStart.afterFirstItem(shaped).map(started -> new ServedStream(target, started));
    }

    private static ChatProvider chatProvider(Target target) {
        if (target.provider() instanceof ChatProvider chat) {
            return chat;
        }
        throw unsupported(target, "chat completions");
    }

    private static TextCompletionProvider textProvider(Target target, GatewayRequest request) {
        if (!(target.provider() instanceof TextCompletionProvider text)) {
            throw unsupported(target, "text completions (/v1/completions)");
        }
        if (request.body().hasNonNull("suffix") && !target.provider().config().fillInTheMiddle()) {
            throw GatewayException.invalidParam("suffix", "unsupported_parameter", "Provider '"
                    + target.provider().id() + "' does not support fill-in-the-middle ('suffix').");
        }
        return text;
    }

    private static EmbeddingProvider embeddingProvider(Target target) {
        if (target.provider() instanceof EmbeddingProvider embeddings && target.provider().config().embeddings()) {
            return embeddings;
        }
        throw unsupported(target, "embeddings");
    }

    private static GatewayException unsupported(Target target, String what) {
        Provider provider = target.provider();
        return GatewayException.invalidParam("model", "unsupported_model",
                "The model '" + target.modelId() + "' (provider '" + provider.id() + "') does not serve " + what + ".");
    }
}
