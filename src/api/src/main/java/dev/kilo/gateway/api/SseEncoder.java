package dev.kilo.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.error.ErrorBody;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import io.smallrye.mutiny.Multi;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Server-sent events exactly as OpenAI writes them: {@code data: <json>\n\n} per chunk and {@code data: [DONE]\n\n}
 * at the end. A failure after the first byte ends the stream with an in-band {@code data: {"error":...}} event and
 * no {@code [DONE]}, so that clients never mistake a broken stream for a complete answer.
 */
final class SseEncoder {

    private static final Logger LOG = Logger.getLogger(SseEncoder.class);
    private static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseEncoder() {
    }

    static Multi<byte[]> encode(Multi<ObjectNode> chunks, ObjectMapper mapper, String requestId) {
        return chunks
                .map(chunk -> event(mapper, chunk))
                .onCompletion().continueWith(DONE)
                .onFailure().recoverWithItem(failure -> event(mapper, ErrorBody.of(inBand(failure, requestId))));
    }

    static byte[] event(ObjectMapper mapper, ObjectNode json) {
        byte[] data;
        try {
            data = mapper.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
        byte[] event = new byte[PREFIX.length + data.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, event, 0, PREFIX.length);
        System.arraycopy(data, 0, event, PREFIX.length, data.length);
        System.arraycopy(SUFFIX, 0, event, PREFIX.length + data.length, SUFFIX.length);
        return event;
    }

    private static GatewayException inBand(Throwable failure, String requestId) {
        if (failure instanceof GatewayException gateway) {
            LOG.warnf("%s stream failed after the first byte: %s", requestId, gateway.getMessage());
            return gateway;
        }
        LOG.errorf(failure, "%s stream failed after the first byte", requestId);
        return new GatewayException(500, ErrorTypes.SERVER, "internal_error", null,
                "The stream failed (request id " + requestId + ").");
    }
}
