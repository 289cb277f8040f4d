package dev.kilo.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.provider.UpstreamErrors;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.IOException;
import org.jboss.resteasy.reactive.client.SseEvent;

/** Reads an OpenAI-format SSE stream into chunk objects. */
final class OpenAiStreams {

    private static final String DONE = "[DONE]";

    private OpenAiStreams() {
    }

    /**
     * Chunks of the stream, one per {@code data:} event; {@code [DONE]} and comments (OpenRouter sends
     * {@code : OPENROUTER PROCESSING} keep-alives) are dropped, since the gateway writes its own end marker; an
     * in-band {@code {"error":...}} event fails the stream, and so does a connection that closes before
     * {@code [DONE]}: that stream was cut, and the caller must not take it for a whole answer.
     */
    static Multi<ObjectNode> chunks(Multi<SseEvent<String>> events, ObjectMapper mapper, String provider) {
        AtomicBoolean done = new AtomicBoolean();
        return events
                .filter(event -> event.data() != null && !event.data().isBlank())
                .filter(event -> {
                    if (DONE.equals(event.data().strip())) {
                        done.set(true);
                        return false;
                    }
                    return true;
                })
                .map(event -> parse(mapper, provider, event.data()))
                .onCompletion().call(() -> done.get() ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(UpstreamErrors.streamCut(provider)));
    }

    private static ObjectNode parse(ObjectMapper mapper, String provider, String data) {
        JsonNode node;
        try {
            node = mapper.readTree(data);
        } catch (IOException e) {
            throw UpstreamErrors.invalidResponse(provider);
        }
        if (!(node instanceof ObjectNode chunk)) {
            throw UpstreamErrors.invalidResponse(provider);
        }
        if (chunk.hasNonNull("error")) {
            throw UpstreamErrors.fromStreamError(provider, chunk.get("error"));
        }
        return chunk;
    }
}
