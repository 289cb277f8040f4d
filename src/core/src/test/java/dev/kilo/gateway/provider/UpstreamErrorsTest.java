package dev.kilo.gateway.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the caller sees when an upstream call fails. */
class UpstreamErrorsTest {

    private static final String OPENAI_BAD_KEY = """
            {"error": {"message": "Incorrect API key provided: sk-test-****6789. You can find your API key at \
            https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "param": null, \
            "code": "invalid_api_key"}}""";
    private static final String HTML_PAGE = "<html><head><title>500 Internal Server Error</title></head>"
            + "<body><h1>Internal Server Error</h1></body></html>";

    private static GatewayException http(int status, String body) {
        return UpstreamErrors.map("openai", new UpstreamHttpException(status, body, null));
    }

    @Test
    void badRequestIs400WithUpstreamMessage() {
        GatewayException e = http(400, "{\"error\": {\"message\": \"Unsupported parameter: 'logit_bias'.\","
                + " \"type\": \"invalid_request_error\"}}");
        assertEquals(400, e.status());
        assertEquals(ErrorTypes.INVALID_REQUEST, e.type());
        assertEquals("upstream_rejected_request", e.code());
        assertEquals("Provider 'openai' rejected the request: Unsupported parameter: 'logit_bias'.", e.getMessage());
    }

    @Test
    void badRequestWithAnthropicShapeKeepsUpstreamMessage() {
        GatewayException e = UpstreamErrors.map("anthropic", new UpstreamHttpException(400,
                "{\"type\": \"error\", \"error\": {\"type\": \"invalid_request_error\","
                        + " \"message\": \"max_tokens: too large\"}}", null));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().endsWith(": max_tokens: too large"), e.getMessage());
    }

    @Test
    void badRequestWithoutJsonBodyHasNoUpstreamMessage() {
        GatewayException e = http(400, HTML_PAGE);
        assertEquals(400, e.status());
        assertEquals("Provider 'openai' rejected the request.", e.getMessage());
    }

    @Test
    void unauthorizedIs502AuthFailed() {
        GatewayException e = http(401, OPENAI_BAD_KEY);
        assertEquals(502, e.status());
        assertEquals(ErrorTypes.UPSTREAM, e.type());
        assertEquals("upstream_auth_failed", e.code());
    }

    @Test
    void unauthorizedMessageDoesNotQuoteTheProviderKey() {
        GatewayException e = http(401, OPENAI_BAD_KEY);
        assertFalse(e.getMessage().contains("sk-"), e.getMessage());
        assertFalse(e.getMessage().contains("6789"), e.getMessage());
        assertTrue(e.getMessage().contains("'openai'"), e.getMessage());
    }

    @Test
    void forbiddenIs502AuthFailed() {
        GatewayException e = http(403, OPENAI_BAD_KEY);
        assertEquals(502, e.status());
        assertEquals("upstream_auth_failed", e.code());
        assertFalse(e.getMessage().contains("sk-"), e.getMessage());
    }

    @Test
    void rateLimitKeepsRetryAfterHeader() {
        GatewayException e = UpstreamErrors.map("openai", new UpstreamHttpException(429,
                "{\"error\": {\"message\": \"Rate limit reached\"}}", "20"));
        assertEquals(429, e.status());
        assertEquals(ErrorTypes.RATE_LIMIT, e.type());
        assertEquals("upstream_rate_limited", e.code());
        assertEquals(Map.of("retry-after", "20"), e.headers());
    }

    @Test
    void rateLimitWithoutRetryAfterHasNoHeaders() {
        assertEquals(Map.of(), http(429, "").headers());
    }

    @Test
    void serverErrorWithHtmlBodyIs502WithoutThePage() {
        GatewayException e = http(500, HTML_PAGE);
        assertEquals(502, e.status());
        assertEquals("upstream_error", e.code());
        assertFalse(e.getMessage().toLowerCase().contains("<html"), e.getMessage());
        assertEquals("Provider 'openai' failed (HTTP 500).", e.getMessage());
    }

    @Test
    void serviceUnavailableIs503() {
        GatewayException e = http(503, "");
        assertEquals(503, e.status());
        assertEquals("upstream_overloaded", e.code());
    }

    @Test
    void anthropicOverloaded529Is503() {
        GatewayException e = UpstreamErrors.map("anthropic", new UpstreamHttpException(529,
                "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}",
                null));
        assertEquals(503, e.status());
        assertEquals("upstream_overloaded", e.code());
    }

    @Test
    void gatewayTimeoutIs504() {
        GatewayException e = http(504, "");
        assertEquals(504, e.status());
        assertEquals("upstream_timeout", e.code());
    }

    @Test
    void requestTimeoutIs504() {
        assertEquals(504, http(408, "").status());
    }

    @Test
    void notFoundIs404ModelNotFound() {
        GatewayException e = http(404, "");
        assertEquals(404, e.status());
        assertEquals("model_not_found", e.code());
        assertEquals("model", e.param());
    }

    @Test
    void mutinyTimeoutIs504() {
        GatewayException e = UpstreamErrors.map("openai", new io.smallrye.mutiny.TimeoutException());
        assertEquals(504, e.status());
        assertEquals("upstream_timeout", e.code());
    }

    @Test
    void connectExceptionIs502Unreachable() {
        GatewayException e = UpstreamErrors.map("openai", new ConnectException("Connection refused"));
        assertEquals(502, e.status());
        assertEquals("upstream_unreachable", e.code());
    }

    @Test
    void wrappedConnectExceptionIs502Unreachable() {
        GatewayException e = UpstreamErrors.map("openai",
                new RuntimeException("call failed", new ConnectException("Connection refused")));
        assertEquals("upstream_unreachable", e.code());
    }

    @Test
    void jsonParseExceptionIs502InvalidResponse() {
        GatewayException e = UpstreamErrors.map("openai",
                new JsonParseException((JsonParser) null, "Unexpected character ('<')"));
        assertEquals(502, e.status());
        assertEquals("upstream_invalid_response", e.code());
    }

    @Test
    void realJsonParseFailureIs502InvalidResponse() {
        Exception parseFailure = null;
        try {
            new ObjectMapper().readTree("<html>oops</html>");
        } catch (Exception e) {
            parseFailure = e;
        }
        GatewayException e = UpstreamErrors.map("openai", new RuntimeException(parseFailure));
        assertEquals("upstream_invalid_response", e.code());
        assertFalse(e.getMessage().contains("<html"), e.getMessage());
    }

    @Test
    void gatewayExceptionPassesThroughUnchanged() {
        GatewayException original = GatewayException.invalidRequest("bad");
        assertSame(original, UpstreamErrors.map("openai", original));
    }

    @Test
    void unexpectedFailureIs502UpstreamError() {
        GatewayException e = UpstreamErrors.map("openai", new IllegalStateException("boom"));
        assertEquals(502, e.status());
        assertEquals("upstream_error", e.code());
        assertFalse(e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void streamOverloadedErrorIs503() throws Exception {
        GatewayException e = UpstreamErrors.fromStreamError("anthropic",
                new ObjectMapper().readTree("{\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}"));
        assertEquals(503, e.status());
        assertEquals("upstream_overloaded", e.code());
        assertEquals("Provider 'anthropic' is overloaded: Overloaded", e.getMessage());
    }

    @Test
    void streamRateLimitErrorIs429() throws Exception {
        GatewayException e = UpstreamErrors.fromStreamError("anthropic",
                new ObjectMapper().readTree("{\"type\": \"rate_limit_error\", \"message\": \"slow down\"}"));
        assertEquals(429, e.status());
        assertEquals("upstream_rate_limited", e.code());
    }

    @Test
    void streamOtherErrorIs502() throws Exception {
        GatewayException e = UpstreamErrors.fromStreamError("openai",
                new ObjectMapper().readTree("{\"message\": \"server_error\"}"));
        assertEquals(502, e.status());
        assertEquals("upstream_error", e.code());
    }
}
