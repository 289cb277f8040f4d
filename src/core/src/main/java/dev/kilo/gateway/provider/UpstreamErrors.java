package dev.kilo.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import io.smallrye.mutiny.TimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Maps whatever an upstream call failed with to our own error. The caller sees our status and message, never the
 * upstream's page: a 5xx becomes 502 (503 when the provider says it is overloaded), a timeout 504, a rejected
 * provider key a 502 that names the provider but not the key, and a 429 keeps its {@code retry-after}.
 */
public final class UpstreamErrors {

    private static final Logger LOG = Logger.getLogger(UpstreamErrors.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE = 1000;

    private UpstreamErrors() {
    }

    public static GatewayException map(String provider, Throwable failure) {
        if (failure instanceof GatewayException gateway) {
            return gateway;
        }
        if (failure instanceof UpstreamHttpException http) {
            return fromStatus(provider, http.status(), http.body(), http.retryAfter());
        }
        if (failure instanceof TimeoutException || failure instanceof java.util.concurrent.TimeoutException
                || hasCause(failure, io.netty.handler.timeout.TimeoutException.class)) {
            return new GatewayException(504, ErrorTypes.UPSTREAM, "upstream_timeout", null,
                    "Provider '" + provider + "' did not answer in time.");
        }
        if (hasCause(failure, com.fasterxml.jackson.core.JsonProcessingException.class)) {
            return invalidResponse(provider);
        }
        if (hasCause(failure, ConnectException.class) || hasCause(failure, IOException.class)
                || failure instanceof io.vertx.core.VertxException) {
            LOG.warnf("Provider %s unreachable: %s", provider, failure.getClass().getSimpleName());
            return new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_unreachable", null,
                    "Provider '" + provider + "' could not be reached.");
        }
        LOG.errorf(failure, "Unexpected failure calling provider %s", provider);
        return new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_error", null,
                "Provider '" + provider + "' failed with an unexpected response.");
    }

    /** An upstream answered 2xx with something that is not the JSON it documents (an HTML page, say). */
    public static GatewayException invalidResponse(String provider) {
        return new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_invalid_response", null,
                "Provider '" + provider + "' returned a response the gateway could not read.");
    }

    /** The upstream closed a stream before its documented end marker. */
    public static GatewayException streamCut(String provider) {
        return new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_stream_cut", null,
                "Provider '" + provider + "' ended the stream before it was complete.");
    }

    static GatewayException fromStatus(String provider, int status, String body, String retryAfter) {
        String upstreamMessage = messageOf(body);
        String prefix = "Provider '" + provider + "'";
        return switch (status) {
            case 400, 409, 422 -> new GatewayException(400, ErrorTypes.INVALID_REQUEST, "upstream_rejected_request",
                    null, prefix + " rejected the request" + suffix(upstreamMessage));
            case 404 -> new GatewayException(404, ErrorTypes.INVALID_REQUEST, "model_not_found", "model",
                    prefix + " does not serve this model" + suffix(upstreamMessage));
            case 413 -> new GatewayException(413, ErrorTypes.INVALID_REQUEST, "request_too_large", null,
                    prefix + " refused the request as too large" + suffix(upstreamMessage));
            // The provider's own message for a bad key may quote part of that key: never pass it on.
            case 401, 403 -> new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_auth_failed", null,
                    prefix + " rejected the gateway's credentials; check that provider's API key configuration.");
            case 402 -> new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_payment_required", null,
                    prefix + " refused the request for billing reasons.");
            case 408, 504 -> new GatewayException(504, ErrorTypes.UPSTREAM, "upstream_timeout", null,
                    prefix + " timed out.");
            case 429 -> new GatewayException(429, ErrorTypes.RATE_LIMIT, "upstream_rate_limited", null,
                    prefix + " is rate limiting requests" + suffix(upstreamMessage),
                    retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter));
            // 529 is Anthropic's "overloaded_error".
            case 503, 529 -> new GatewayException(503, ErrorTypes.UPSTREAM, "upstream_overloaded", null,
                    prefix + " is overloaded or unavailable; please retry shortly.",
                    retryAfter == null ? Map.of() : Map.of("retry-after", retryAfter));
            default -> new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_error", null,
                    prefix + " failed (HTTP " + status + ").");
        };
    }

    /** An error event inside an upstream stream, in OpenAI's or Anthropic's shape. */
    public static GatewayException fromStreamError(String provider, JsonNode error) {
        String type = error.path("type").asText("");
        String message = error.path("message").asText("stream error");
        if ("overloaded_error".equals(type)) {
            return new GatewayException(503, ErrorTypes.UPSTREAM, "upstream_overloaded", null,
                    "Provider '" + provider + "' is overloaded: " + truncate(message));
        }
        if ("rate_limit_error".equals(type)) {
            return new GatewayException(429, ErrorTypes.RATE_LIMIT, "upstream_rate_limited", null,
                    "Provider '" + provider + "' is rate limiting requests: " + truncate(message));
        }
        return new GatewayException(502, ErrorTypes.UPSTREAM, "upstream_error", null,
                "Provider '" + provider + "' failed during the stream: " + truncate(message));
    }

    /** The provider's own error message, if the body is JSON in OpenAI's or Anthropic's error shape. */
    static String messageOf(String body) {
        if (body == null || body.isBlank() || body.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode error = root.path("error");
            JsonNode message = error.isObject() ? error.path("message") : root.path("message");
            if (error.isTextual()) {
                message = error;
            }
            return message.isTextual() ? truncate(message.asText()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String suffix(String upstreamMessage) {
        return upstreamMessage == null ? "." : ": " + upstreamMessage;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
