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
import java.util.function.Supplier;

/**
 * Serves a validated request: resolves the model, calls its provider, shapes the answer. The one service behind
 * every completion transport (local server, Lambda function, tests).
 */
@ApplicationScoped
public class GatewayService {

    private final ModelResolver resolver;
    private final Metering metering;

    public GatewayService(ModelResolver resolver, Metering metering) {
        this.resolver = resolver;
        this.metering = metering;
    }

    /** A whole (non-streamed) answer. */
    public Uni<Served> respond(GatewayCall call) {
        GatewayRequest request = call.request();
        Target target = resolver.resolve(request.model());
        // The provider is chosen before anything is reserved; its call is deferred so that whatever it throws
        // still ends the meter (and releases the reservation).
        Supplier<Uni<ObjectNode>> answer = switch (request.endpoint()) {
            case CHAT_COMPLETIONS -> {
                ChatProvider provider = chatProvider(target);
                yield () -> provider.chat(request, target.upstreamModel());
            }
            case COMPLETIONS -> {
                TextCompletionProvider provider = textProvider(target, request);
                yield () -> provider.complete(request, target.upstreamModel());
            }
            case EMBEDDINGS -> {
                EmbeddingProvider provider = embeddingProvider(target);
                yield () -> provider.embed(request, target.upstreamModel());
            }
        };
        return metering.open(call, target).flatMap(meter -> Uni.createFrom().<ObjectNode>deferred(answer::get)
                .onFailure().invoke(meter::failed)
                .onCancellation().invoke(meter::cancelled)
                .map(body -> new Served(target, ResponseShaper.whole(meter.whole(body), target.modelId()),
                        meter.headers())));
    }

    /** A stream, emitted once its first chunk has arrived, so earlier failures still get a real HTTP status. */
    public Uni<ServedStream> stream(GatewayCall call) {
        GatewayRequest request = call.request();
        Target target = resolver.resolve(request.model());
        if (request.endpoint() == GatewayRequest.Endpoint.EMBEDDINGS) {
            throw GatewayException.invalidParam("stream", "invalid_value", "Embeddings cannot be streamed.");
        }
        Supplier<Multi<ObjectNode>> upstream;
        if (request.endpoint() == GatewayRequest.Endpoint.CHAT_COMPLETIONS) {
            ChatProvider provider = chatProvider(target);
            upstream = () -> provider.chatStream(request, target.upstreamModel());
        } else {
            TextCompletionProvider provider = textProvider(target, request);
            upstream = () -> provider.completeStream(request, target.upstreamModel());
        }
        return metering.open(call, target).flatMap(meter -> {
            Multi<ObjectNode> shaped = Multi.createFrom().<ObjectNode>deferred(upstream::get)
                    .invoke(meter::chunk)
                    .onCompletion().invoke(meter::completed)
                    .onFailure().invoke(meter::failed)
                    .onCancellation().invoke(meter::cancelled)
                    .filter(chunk -> ResponseShaper.visible(chunk, request.includeUsage()))
                    .map(chunk -> ResponseShaper.chunk(chunk, target.modelId(), request.includeUsage()));
            return StreamStart.afterFirstItem(shaped)
                    .onCancellation().invoke(meter::cancelled)
                    .map(started -> new ServedStream(target, started, meter.headers()));
        });
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
