package dev.kilo.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Real API Gateway events (the recorded fixtures under {@code events/}) re-aimed at another request: only method,
 * path, Authorization, Accept and body change, so everything else stays exactly as API Gateway or a function URL
 * sends it.
 */
public enum LambdaEvents {

    /** REST API proxy integration, payload v1. */
    REST_API("rest-api-proxy.json") {
        @Override
        void aim(ObjectNode event, String method, String path, String bearer) {
            event.put("httpMethod", method);
            event.put("path", path);
            event.withObjectProperty("requestContext").put("httpMethod", method).put("path", "/prod" + path);
            event.withObjectProperty("pathParameters").put("proxy", path.substring(1));
            setHeader(event.withObjectProperty("headers"), "Authorization", bearer);
            setHeader(event.withObjectProperty("headers"), "Accept", ACCEPT);
            ObjectNode multi = event.withObjectProperty("multiValueHeaders");
            multi.putArray("Accept").add(ACCEPT);
            multi.remove("Authorization");
            if (bearer != null) {
                multi.putArray("Authorization").add(bearer);
            }
        }
    },

    /** Function URL (and HTTP API), payload v2. */
    FUNCTION_URL("function-url.json") {
        @Override
        void aim(ObjectNode event, String method, String path, String bearer) {
            event.put("rawPath", path);
            ObjectNode http = event.withObjectProperty("requestContext").withObjectProperty("http");
            http.put("method", method).put("path", path);
            setHeader(event.withObjectProperty("headers"), "authorization", bearer);
            setHeader(event.withObjectProperty("headers"), "accept", ACCEPT);
        }
    };

    /** What OpenAI's SDKs send, even when they ask for a stream. */
    private static final String ACCEPT = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fixture;

    LambdaEvents(String fixture) {
        this.fixture = fixture;
    }

    abstract void aim(ObjectNode event, String method, String path, String bearer);

    /** The fixture turned into {@code method path} with the given Bearer value (none when null) and JSON body. */
    public byte[] event(String method, String path, String bearer, String body) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(ApiGatewayEventsTest.fixture(fixture));
        aim(event, method, path, bearer);
        event.put("isBase64Encoded", false);
        if (body == null) {
            event.putNull("body");
        } else {
            event.put("body", body);
        }
        return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }

    private static void setHeader(ObjectNode headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }
}
