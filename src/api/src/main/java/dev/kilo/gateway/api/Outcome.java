package dev.kilo.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.Target;
import dev.kilo.gateway.service.Served;
import dev.kilo.gateway.service.ServedStream;
import io.smallrye.mutiny.Multi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a completion endpoint answers: status and headers first, then a body of one or many chunks. */
record Outcome(Target target, String contentType, Multi<byte[]> body, String requestId, Map<String, String> extra) {

    static Outcome whole(Served served, ObjectMapper mapper, String requestId) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(served.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
        return new Outcome(served.target(), "application/json", Multi.createFrom().item(json), requestId,
                served.headers());
    }

    static Outcome stream(ServedStream served, ObjectMapper mapper, String requestId) {
        return new Outcome(served.target(), "text/event-stream; charset=utf-8",
                SseEncoder.encode(served.chunks(), mapper, requestId), requestId, served.headers());
    }

    int status() {
        return 200;
    }

    Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new HashMap<>(8 + extra.size());
        extra.forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Content-Type", List.of(contentType));
        headers.put("Cache-Control", List.of("no-cache"));
        headers.put(GatewayHeaders.REQUEST_ID, List.of(requestId));
        headers.put(GatewayHeaders.MODEL, List.of(target.modelId()));
        headers.put(GatewayHeaders.PROVIDER, List.of(target.provider().id()));
        return headers;
    }
}
