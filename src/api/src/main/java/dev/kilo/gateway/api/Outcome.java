package dev.kilo.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.Target;
import dev.kilo.gateway.service.Served;
import dev.kilo.gateway.service.ServedStream;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Map;

/** What a completion endpoint answers: status and headers first, then a body of one or many chunks. */
record Outcome(Target target, String contentType, Multi<byte[]> body, String requestId) {

    static Outcome whole(Served served, ObjectMapper mapper, String requestId) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(served.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
        return new Outcome(served.target(), "application/json", Multi.createFrom().item(json), requestId);
    }

    static Outcome stream(ServedStream served, ObjectMapper mapper, String requestId) {
        return new Outcome(served.target(), "text/event-stream; charset=utf-8",
                SseEncoder.encode(served.chunks(), mapper, requestId), requestId);
    }

    int status() {
        return 200;
    }

    Map<String, List<String>> headers() {
        return Map.of(
                "Content-Type", List.of(contentType),
                "Cache-Control", List.of("no-cache"),
                GatewayHeaders.REQUEST_ID, List.of(requestId),
                GatewayHeaders.MODEL, List.of(target.modelId()),
                GatewayHeaders.PROVIDER, List.of(target.provider().id()));
    }
}
