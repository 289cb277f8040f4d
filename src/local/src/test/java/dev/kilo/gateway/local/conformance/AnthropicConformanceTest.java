package dev.kilo.gateway.local.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** Anthropic's Messages API, translated both ways. https://docs.anthropic.com/en/api/messages */
@QuarkusTest
class AnthropicConformanceTest extends ProviderConformanceTest {

    @Override
    String model() {
        return "anthropic/claude-sonnet-4-5";
    }

    MappingBuilder messages() {
        return post("/anthropic/v1/messages")
                .withHeader("x-api-key", equalTo(UpstreamFakes.ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo("2023-06-01"));
    }

    @Override
    void stubText() {
        upstream.stubFor(messages().willReturn(okJson(Fixtures.text("anthropic/message-text.json"))));
    }

    @Override
    void stubTextStream() {
        stream("anthropic/stream-text.sse");
    }

    @Override
    void stubToolCall() {
        upstream.stubFor(messages().willReturn(okJson(Fixtures.text("anthropic/message-tool-use.json"))));
    }

    @Override
    void stubToolCallStream() {
        stream("anthropic/stream-tool-use.sse");
    }

    @Override
    void stubError(int status, String retryAfter) {
        String type = switch (status) {
            case 429 -> "rate_limit_error";
            case 401 -> "authentication_error";
            default -> "api_error";
        };
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"invalid x-api-key "
                        + UpstreamFakes.ANTHROPIC_KEY + "\"}}");
        if (retryAfter != null) {
            response.withHeader("retry-after", retryAfter);
        }
        upstream.stubFor(messages().willReturn(response));
    }

    @Override
    void stubHtmlError() {
        upstream.stubFor(messages().willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody(Fixtures.text("openai/error-500.html"))));
    }

    @Override
    void stubCutStream() {
        List<String> events = Fixtures.sseEvents("anthropic/stream-text.sse");
        upstream.stubFor(messages().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(String.join("", events.subList(0, 5)))));
    }

    @Override
    void stubSlow() {
        upstream.stubFor(messages().willReturn(okJson(Fixtures.text("anthropic/message-text.json"))
                .withFixedDelay(3000)));
    }

    @Override
    boolean stubReasoning() {
        upstream.stubFor(messages().willReturn(okJson(Fixtures.text("anthropic/message-thinking.json"))));
        return true;
    }

    @Override
    void verifyConversation(JsonNode body) {
        assertEquals("claude-sonnet-4-5", body.path("model").asText());
        assertTrue(body.path("system").toString().contains("You are a coding agent."), body.toString());
        assertTrue(body.path("max_tokens").asInt() > 0, "Anthropic requires max_tokens");
        JsonNode messages = body.path("messages");
        assertEquals(3, messages.size(), "roles alternate: user, assistant, user: " + messages);
        JsonNode image = messages.path(0).path("content").path(1);
        assertEquals("image", image.path("type").asText());
        assertEquals("base64", image.path("source").path("type").asText());
        assertEquals("image/png", image.path("source").path("media_type").asText());
        JsonNode toolUse = messages.path(1).path("content").path(0);
        assertEquals("tool_use", toolUse.path("type").asText());
        assertEquals("ui.html", toolUse.path("input").path("path").asText());
        JsonNode toolResult = messages.path(2).path("content").path(0);
        assertEquals("tool_result", toolResult.path("type").asText());
        assertEquals("call_1", toolResult.path("tool_use_id").asText());
        assertEquals("write_file", body.path("tools").path(0).path("name").asText());
        assertEquals("object", body.path("tools").path(0).path("input_schema").path("type").asText());
    }

    void stream(String fixture) {
        upstream.stubFor(messages().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.text(fixture))
                .withChunkedDribbleDelay(4, 100)));
    }
}
