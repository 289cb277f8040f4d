package dev.kilo.gateway.local.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.kilo.gateway.testing.Fixtures;
import java.util.List;

/** The scenarios in the wire format every OpenAI-compatible provider speaks. */
abstract class OpenAiCompatibleConformanceTest extends ProviderConformanceTest {

    /** Path of the chat endpoint under the fake's root for this provider. */
    abstract String chatPath();

    abstract String expectedKey();

    MappingBuilder chatCall() {
        return post(chatPath()).withHeader("Authorization", equalTo("Bearer " + expectedKey()));
    }

    @Override
    void stubText() {
        upstream.stubFor(chatCall().willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
    }

    @Override
    void stubTextStream() {
        stream("openai/chat-stream.sse");
    }

    @Override
    void stubToolCall() {
        upstream.stubFor(chatCall().willReturn(okJson(Fixtures.text("openai/chat-tool-call.json"))));
    }

    @Override
    void stubToolCallStream() {
        stream("openai/chat-tool-call-stream.sse");
    }

    @Override
    void stubError(int status, String retryAfter) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.text(status == 429 ? "openai/error-429.json" : "openai/error-401.json"));
        if (retryAfter != null) {
            response.withHeader("retry-after", retryAfter);
        }
        upstream.stubFor(chatCall().willReturn(response));
    }

    @Override
    void stubHtmlError() {
        upstream.stubFor(chatCall().willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody(Fixtures.text("openai/error-500.html"))));
    }

    @Override
    void stubCutStream() {
        List<String> events = Fixtures.sseEvents("openai/chat-stream.sse");
        upstream.stubFor(chatCall().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(String.join("", events.subList(0, 3)))));
    }

    @Override
    void stubSlow() {
        upstream.stubFor(chatCall().willReturn(okJson(Fixtures.text("openai/chat-text.json"))
                .withFixedDelay(3000)));
    }

    /** OpenAI-compatible providers receive the conversation as sent, under the upstream model name. */
    void verifyForwardedAsIs(JsonNode body, String upstreamModel) {
        assertEquals(upstreamModel, body.path("model").asText());
        JsonNode messages = body.path("messages");
        assertEquals(5, messages.size());
        assertEquals("data:image/png;base64,iVBORw0KGgo=",
                messages.path(1).path("content").path(1).path("image_url").path("url").asText());
        assertEquals("call_1", messages.path(2).path("tool_calls").path(0).path("id").asText());
        assertEquals("call_1", messages.path(3).path("tool_call_id").asText());
        assertEquals("write_file", body.path("tools").path(0).path("function").path("name").asText());
        assertFalse(body.path("stream").asBoolean(false));
    }

    void stream(String fixture) {
        upstream.stubFor(chatCall().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.text(fixture))
                .withChunkedDribbleDelay(4, 100)));
    }
}
