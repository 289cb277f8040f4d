package dev.kilo.gateway.error;

import java.util.Map;

/**
 * An error the gateway answers with, in OpenAI's error shape ({@code {"error":{"message","type","param","code"}}}).
 * Every failure the caller can see is one of these; transports map it to a response and never show a stack trace.
 * Messages must never contain secrets: provider keys, Bearer keys or upstream response pages.
 */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, String> headers;

    public GatewayException(int status, String type, String code, String param, String message,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public GatewayException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, Map.of());
    }

    /** A request the caller got wrong: 400 naming the parameter. */
    public static GatewayException invalidParam(String param, String code, String message) {
        return new GatewayException(400, ErrorTypes.INVALID_REQUEST, code, param, message);
    }

    public static GatewayException invalidRequest(String message) {
        return new GatewayException(400, ErrorTypes.INVALID_REQUEST, null, null, message);
    }

    public static GatewayException modelNotFound(String model) {
        return new GatewayException(404, ErrorTypes.INVALID_REQUEST, "model_not_found", "model",
                "The model '" + model + "' does not exist or is not served by this gateway.");
    }

    public static GatewayException invalidApiKey(String message) {
        return new GatewayException(401, ErrorTypes.INVALID_REQUEST, "invalid_api_key", null, message);
    }

    public static GatewayException notFound(String message) {
        return new GatewayException(404, ErrorTypes.INVALID_REQUEST, "not_found", null, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** Extra response headers, such as {@code retry-after} on a 429. */
    public Map<String, String> headers() {
        return headers;
    }
}
