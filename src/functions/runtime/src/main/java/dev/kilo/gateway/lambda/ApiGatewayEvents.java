package dev.kilo.gateway.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the Lambda event of an HTTP front door into the plain HTTP request it stands for. Two shapes exist:
 * <ul>
 *   <li>the REST API proxy event, payload v1
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format),
 *   whose path and query values arrive already decoded;</li>
 *   <li>the payload v2 of function URLs and HTTP APIs
 *   (https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads), which carries the raw path and
 *   query string, comma-joined headers and the cookies apart.</li>
 * </ul>
 * Pure: no I/O, so every shape is unit-testable from JSON fixtures.
 */
public final class ApiGatewayEvents {

    /** An HTTP request to replay against the local server; header names are lower case. */
    public record ForwardedRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
    }

    /**
     * Hop-by-hop headers (RFC 9110 section 7.6.1) describe the connection between API Gateway and the client, not
     * the request; content-length and expect are dropped because the local hop frames the (already complete) body
     * itself.
     */
    private static final Set<String> DROPPED_HEADERS = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "expect");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayEvents() {
    }

    /** Parses one event; anything that is not an HTTP event of a known shape is an {@link IllegalArgumentException}. */
    public static ForwardedRequest parse(byte[] event) {
        JsonNode root = readTree(event);
        if (isV2(root)) {
            return parseV2(root);
        }
        if (root.path("httpMethod").isTextual()) {
            return parseV1(root);
        }
        throw new IllegalArgumentException("Unsupported Lambda event: expected an API Gateway REST API proxy event"
                + " (field httpMethod) or a payload 2.0 event (version \"2.0\" with requestContext.http.method)");
    }

    private static JsonNode readTree(byte[] event) {
        try {
            JsonNode root = JSON.readTree(event);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("Unsupported Lambda event: not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Unsupported Lambda event: not valid JSON", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unsupported Lambda event: unreadable", e);
        }
    }

    private static boolean isV2(JsonNode root) {
        return "2.0".equals(root.path("version").asText())
                && root.path("requestContext").path("http").path("method").isTextual();
    }

    private static ForwardedRequest parseV1(JsonNode root) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode multi = root.path("multiValueHeaders");
        if (multi.isObject() && multi.size() > 0) {
            forEachValue(multi, (name, value) -> addHeader(headers, name, value));
        } else {
            forEachValue(root.path("headers"), (name, value) -> addHeader(headers, name, value));
        }
        String path = slashed(encodeUriPart(root.path("path").asText("/"), true, ""));
        return new ForwardedRequest(root.path("httpMethod").asText(), withQuery(path, v1Query(root)), headers,
                body(root));
    }

    /** REST API hands over decoded query values, so they are re-encoded here (RFC 3986, space as %20). */
    private static String v1Query(JsonNode root) {
        JsonNode multi = root.path("multiValueQueryStringParameters");
        JsonNode params = multi.isObject() && multi.size() > 0 ? multi : root.path("queryStringParameters");
        List<String> pairs = new ArrayList<>();
        forEachValue(params, (name, value) -> pairs.add(encodeQueryPart(name) + "=" + encodeQueryPart(value)));
        return String.join("&", pairs);
    }

    private static ForwardedRequest parseV2(JsonNode root) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        // v2 joins repeated headers with commas already; splitting them again would break values such as dates.
        forEachValue(root.path("headers"), (name, value) -> addHeader(headers, name, value));
        List<String> cookies = new ArrayList<>();
        forEachValue(root.path("cookies"), (ignored, cookie) -> cookies.add(cookie));
        if (!cookies.isEmpty()) {
            headers.put("cookie", List.of(String.join("; ", cookies)));
        }
        String method = root.path("requestContext").path("http").path("method").asText();
        String path = slashed(encodeUriPart(root.path("rawPath").asText("/"), false, ""));
        String query = encodeUriPart(root.path("rawQueryString").asText(""), false, "?");
        return new ForwardedRequest(method, withQuery(path, query), headers, body(root));
    }

    private static byte[] body(JsonNode root) {
        JsonNode body = root.path("body");
        if (!body.isTextual()) {
            return new byte[0];
        }
        if (root.path("isBase64Encoded").asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unsupported Lambda event: body is not valid base64", e);
            }
        }
        return body.asText().getBytes(StandardCharsets.UTF_8);
    }

    private static void addHeader(Map<String, List<String>> headers, String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!DROPPED_HEADERS.contains(key)) {
            headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    private interface ValueConsumer {
        void accept(String name, String value);
    }

    /** Walks {"name": "v"}, {"name": ["v1","v2"]} and ["v1","v2"] alike, skipping JSON nulls. */
    private static void forEachValue(JsonNode node, ValueConsumer consumer) {
        if (node.isArray()) {
            node.forEach(value -> acceptText("", value, consumer));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isArray()) {
                field.getValue().forEach(value -> acceptText(field.getKey(), value, consumer));
            } else {
                acceptText(field.getKey(), field.getValue(), consumer);
            }
        }
    }

    private static void acceptText(String name, JsonNode value, ValueConsumer consumer) {
        if (!value.isNull() && !value.isMissingNode()) {
            consumer.accept(name, value.asText());
        }
    }

    private static String withQuery(String path, String query) {
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static String encodeQueryPart(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Percent-encodes what may not appear in a URI path or query (RFC 3986 pchar, "/" and the extra characters). A
     * decoded v1 path also gets its "%" encoded; raw v2 parts keep their existing escapes and only lose characters
     * that a client sent unescaped (spaces, quotes, non-ASCII) and that {@link java.net.URI} would reject.
     */
    static String encodeUriPart(String part, boolean encodePercent, String extraAllowed) {
        StringBuilder out = new StringBuilder(part.length() + 8);
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isPathChar(c) || extraAllowed.indexOf(c) >= 0 || (c == '%' && !encodePercent)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String slashed(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static boolean isPathChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0;
    }
}
