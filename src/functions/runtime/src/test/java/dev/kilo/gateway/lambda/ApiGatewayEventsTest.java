package dev.kilo.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kilo.gateway.lambda.ApiGatewayEvents.ForwardedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ApiGatewayEventsTest {

    private static final String CHAT_BODY =
            "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Grüß dich\"}]}";

    @Test
    void restApiProxyEventUsesMultiValueHeadersAndReEncodesTheQuery() throws IOException {
        ForwardedRequest request = ApiGatewayEvents.parse(fixture("rest-api-proxy.json"));

        assertEquals("POST", request.method());
        assertEquals("/v1/chat/completions?api-version=2024-10-21&tag=a%20b&tag=b%26c&note=gr%C3%BC%C3%9Fe%3D1%2B1",
                request.pathAndQuery());
        assertEquals(List.of("one", "two"), request.headers().get("x-tag"));
        assertEquals(List.of("Bearer sk-kilo-test-0123456789"), request.headers().get("authorization"));
        assertEquals(List.of("a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com"), request.headers().get("host"));
        assertEquals(List.of("203.0.113.7, 130.176.98.41"), request.headers().get("x-forwarded-for"));
        assertArrayEquals(CHAT_BODY.getBytes(StandardCharsets.UTF_8), request.body());
    }

    @Test
    void restApiProxyEventDropsHopByHopHeaders() throws IOException {
        Map<String, List<String>> headers = ApiGatewayEvents.parse(fixture("rest-api-proxy.json")).headers();

        assertFalse(headers.containsKey("connection"));
        assertFalse(headers.containsKey("content-length"));
        headers.keySet().forEach(name -> assertEquals(name.toLowerCase(), name));
    }

    @Test
    void restApiEventWithSingleValueMapsAndBase64Body() throws IOException {
        ForwardedRequest request = ApiGatewayEvents.parse(fixture("rest-api-base64.json"));

        assertEquals("PUT", request.method());
        assertEquals("/v1/files/my%20report.bin?purpose=fine%20tune&empty=", request.pathAndQuery());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x10, 'P', 'N', 'G'}, request.body());
        assertEquals(List.of("application/octet-stream"), request.headers().get("content-type"));
        assertFalse(request.headers().containsKey("transfer-encoding"));
    }

    @Test
    void functionUrlEventKeepsRawQueryAndTurnsCookiesIntoACookieHeader() throws IOException {
        ForwardedRequest request = ApiGatewayEvents.parse(fixture("function-url.json"));

        assertEquals("POST", request.method());
        assertEquals("/v1/chat/completions?api-version=2024-10-21&tag=a%20b&tag=c", request.pathAndQuery());
        assertEquals(List.of("session=abc123; theme=dark"), request.headers().get("cookie"));
        assertEquals(List.of("one,two"), request.headers().get("x-tag"));
        assertEquals(List.of("gzip, deflate"), request.headers().get("accept-encoding"));
        assertFalse(request.headers().containsKey("content-length"));
        assertArrayEquals(CHAT_BODY.getBytes(StandardCharsets.UTF_8), request.body());
    }

    @Test
    void functionUrlEventWithBase64BodyAndNoQuery() throws IOException {
        ForwardedRequest request = ApiGatewayEvents.parse(fixture("function-url-base64.json"));

        assertEquals("/v1/embeddings", request.pathAndQuery());
        assertEquals("{\"input\":\"hello\",\"model\":\"text-embedding-3-small\"}",
                new String(request.body(), StandardCharsets.UTF_8));
        assertFalse(request.headers().containsKey("cookie"));
    }

    @Test
    void eventWithoutBodyHasAnEmptyBody() {
        ForwardedRequest request = ApiGatewayEvents.parse(utf8(
                "{\"version\":\"2.0\",\"rawPath\":\"/v1/models\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},"
                        + "\"body\":null,\"isBase64Encoded\":false}"));

        assertEquals("GET", request.method());
        assertEquals("/v1/models", request.pathAndQuery());
        assertEquals(0, request.body().length);
    }

    @Test
    void rawPartsKeepTheirEscapesButLoseCharactersUriWouldReject() {
        ForwardedRequest request = ApiGatewayEvents.parse(utf8(
                "{\"version\":\"2.0\",\"rawPath\":\"/a%2Fb/c d\",\"rawQueryString\":\"q=x|y&r=%41\","
                        + "\"requestContext\":{\"http\":{\"method\":\"GET\"}}}"));

        assertEquals("/a%2Fb/c%20d?q=x%7Cy&r=%41", request.pathAndQuery());
    }

    @Test
    void decodedV1PathGetsItsPercentSignEncoded() {
        ForwardedRequest request = ApiGatewayEvents.parse(utf8(
                "{\"httpMethod\":\"GET\",\"path\":\"/v1/models/100%\",\"headers\":null}"));

        assertEquals("/v1/models/100%25", request.pathAndQuery());
    }

    @Test
    void unknownEventShapeIsRejectedWithAClearMessage() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiGatewayEvents.parse(fixture("sqs-event.json")));

        assertTrue(e.getMessage().contains("httpMethod"), e.getMessage());
        assertTrue(e.getMessage().contains("2.0"), e.getMessage());
    }

    @Test
    void nonJsonAndNonObjectEventsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ApiGatewayEvents.parse(utf8("not json")));
        assertThrows(IllegalArgumentException.class, () -> ApiGatewayEvents.parse(utf8("[1,2]")));
        assertThrows(IllegalArgumentException.class, () -> ApiGatewayEvents.parse(utf8("")));
    }

    @Test
    void invalidBase64BodyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ApiGatewayEvents.parse(utf8(
                "{\"httpMethod\":\"POST\",\"path\":\"/\",\"body\":\"***\",\"isBase64Encoded\":true}")));
    }

    public static byte[] fixture(String name) throws IOException {
        try (InputStream in = ApiGatewayEventsTest.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
