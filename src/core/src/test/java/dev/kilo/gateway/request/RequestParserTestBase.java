package dev.kilo.gateway.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.request.GatewayRequest.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Shared helpers of the RequestParser tests: bodies, and assertions on refusals. */
abstract class RequestParserTestBase {

    static final String USER_HI = "{\"role\": \"user\", \"content\": \"Hi\"}";

    final RequestParser parser = new RequestParser(new ObjectMapper());

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A valid chat body with extra top-level fields appended. */
    static String chatWith(String extraFields) {
        return "{\"model\": \"openai/gpt-4o\", \"messages\": [" + USER_HI + "]"
                + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}";
    }

    /** A chat body with the given messages array. */
    static String chatMessages(String messages) {
        return "{\"model\": \"openai/gpt-4o\", \"messages\": " + messages + "}";
    }

    GatewayRequest chat(String json) {
        return parser.chat(bytes(json));
    }

    static GatewayException refused(Function<byte[], GatewayRequest> parse, String json) {
        return assertThrows(GatewayException.class, () -> parse.apply(bytes(json)));
    }

    static void assertRefused(GatewayException e, String param, String code) {
        assertEquals(400, e.status(), "status");
        assertEquals(ErrorTypes.INVALID_REQUEST, e.type(), "type");
        assertEquals(param, e.param(), "param");
        assertEquals(code, e.code(), "code");
    }

    void assertChatRefused(String json, String param, String code) {
        assertRefused(refused(parser::chat, json), param, code);
    }
}
