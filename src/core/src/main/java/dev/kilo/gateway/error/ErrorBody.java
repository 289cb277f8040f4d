package dev.kilo.gateway.error;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds OpenAI's error body. Absent {@code code} and {@code param} are written as JSON null, as OpenAI does. */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static ObjectNode of(GatewayException e) {
        return of(e.type(), e.code(), e.param(), e.getMessage());
    }

    public static ObjectNode of(String type, String code, String param, String message) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return root;
    }
}
