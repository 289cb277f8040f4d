package dev.kilo.gateway.local.conformance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.Sse;
import dev.kilo.gateway.testing.TestKeys;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every provider must pass, through the real HTTP API, with the provider faked in its own documented
 * wire format. Adding a provider means subclassing this with its stubs. Every fake answers the same content, so
 * the expectations here are the same for all.
 */
public abstract class ProviderConformanceTest {

    static final String ANSWER = "Use `git rebase -i HEAD~3` and mark the commits to squash.";
    static final String STREAMED = "Hello from the gateway!";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    String auth;

    /** The model id to request, {@code provider/model}. */
    abstract String model();

    abstract void stubText();

    abstract void stubTextStream();

    abstract void stubToolCall();

    abstract void stubToolCallStream();

    /** An error status, with the provider's own error body (and {@code retry-after} when given). */
    abstract void stubError(int status, String retryAfter);

    /** A 500 whose body is an HTML page from a proxy in front of the provider. */
    abstract void stubHtmlError();

    /** A stream that stops after a few chunks, without the provider's end marker. */
    abstract void stubCutStream();

    /** An answer that takes longer than the provider's configured 2 s timeout. */
    abstract void stubSlow();

    /** The body the provider received on the last call. */
    JsonNode lastUpstreamBody() throws Exception {
        var requests = upstream.getAllServeEvents();
        return JSON.readTree(requests.get(0).getRequest().getBodyAsString());
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
        if (auth == null) {
            auth = TestKeys.bearer(keys, "conformance");
        }
    }

    Response send(String body) {
        return given().header("Authorization", auth).contentType("application/json").body(body)
                .post("/v1/chat/completions");
    }

    String chat(String extra) {
        return "{\"model\":\"" + model() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"How do I squash "
                + "commits?\"}]" + extra + "}";
    }

    @Test
    void answersAPlainChatInOpenAiShape() {
        stubText();
        send(chat("")).then().statusCode(200)
                .header("x-kilo-model", model())
                .header("x-request-id", notNullValue())
                .body("object", equalTo("chat.completion"))
                .body("model", equalTo(model()))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("choices[0].message.content", equalTo(ANSWER))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("usage.total_tokens", notNullValue());
    }

    @Test
    void streamsOpenAiSseEndingWithDone() throws Exception {
        stubTextStream();
        String body = send(chat(",\"stream\":true")).then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream"))
                .extract().asString();
        List<String> data = Sse.data(body);
        assertEquals("[DONE]", data.get(data.size() - 1));
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (String event : data.subList(0, data.size() - 1)) {
            JsonNode chunk = JSON.readTree(event);
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            assertEquals(model(), chunk.path("model").asText());
            assertFalse(chunk.has("usage"), "no usage chunk unless asked for: " + event);
            JsonNode choice = chunk.path("choices").path(0);
            text.append(choice.path("delta").path("content").asText(""));
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.get("finish_reason").asText();
            }
        }
        assertEquals(STREAMED, text.toString());
        assertEquals("stop", finish);
    }

    @Test
    void streamsAUsageChunkWhenAskedFor() throws Exception {
        stubTextStream();
        String body = send(chat(",\"stream\":true,\"stream_options\":{\"include_usage\":true}"))
                .then().statusCode(200).extract().asString();
        List<String> data = Sse.data(body);
        JsonNode usageChunk = JSON.readTree(data.get(data.size() - 2));
        assertTrue(usageChunk.path("choices").isEmpty(), "the usage chunk has no choices");
        assertTrue(usageChunk.path("usage").path("prompt_tokens").asInt() > 0);
        assertTrue(usageChunk.path("usage").path("completion_tokens").asInt() > 0);
    }

    @Test
    void returnsToolCalls() {
        stubToolCall();
        send(chat(",\"tools\":[" + WRITE_FILE + "]")).then().statusCode(200)
                .body("choices[0].finish_reason", equalTo("tool_calls"))
                .body("choices[0].message.tool_calls[0].type", equalTo("function"))
                .body("choices[0].message.tool_calls[0].id", notNullValue())
                .body("choices[0].message.tool_calls[0].function.name", equalTo("write_file"))
                .body("choices[0].message.tool_calls[0].function.arguments", containsString("hello.py"));
    }

    @Test
    void streamsToolCallArgumentsInPieces() throws Exception {
        stubToolCallStream();
        String body = send(chat(",\"stream\":true,\"tools\":[" + WRITE_FILE + "]")).then().statusCode(200)
                .extract().asString();
        StringBuilder arguments = new StringBuilder();
        String name = null;
        String finish = null;
        for (String event : Sse.data(body)) {
            if (event.equals("[DONE]")) {
                continue;
            }
            JsonNode choice = JSON.readTree(event).path("choices").path(0);
            JsonNode call = choice.path("delta").path("tool_calls").path(0);
            if (call.path("function").hasNonNull("name")) {
                name = call.path("function").path("name").asText();
                assertEquals(0, call.path("index").asInt());
            }
            arguments.append(call.path("function").path("arguments").asText(""));
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.get("finish_reason").asText();
            }
        }
        assertEquals("write_file", name);
        assertEquals("hello.py", JSON.readTree(arguments.toString()).path("path").asText());
        assertEquals("tool_calls", finish);
    }

    @Test
    void keepsRetryAfterOnRateLimits() {
        stubError(429, "7");
        send(chat("")).then().statusCode(429)
                .header("retry-after", "7")
                .body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("upstream_rate_limited"));
    }

    @Test
    void answers502ForUpstreamFailuresWithoutTheirPage() {
        stubHtmlError();
        send(chat("")).then().statusCode(502)
                .body("error.code", equalTo("upstream_error"))
                .body(not(containsString("<html")));
    }

    @Test
    void answers502NamingTheProviderWhenItRejectsOurKey() {
        stubError(401, null);
        send(chat("")).then().statusCode(502)
                .body("error.code", equalTo("upstream_auth_failed"))
                .body("error.message", containsString(model().substring(0, model().indexOf('/'))))
                .body(not(containsString("sk-")));
    }

    @Test
    void answers504WhenTheProviderIsTooSlow() {
        stubSlow();
        send(chat("")).then().statusCode(504).body("error.code", equalTo("upstream_timeout"));
    }

    @Test
    void endsACutStreamWithAnInBandErrorAndNoDone() throws Exception {
        stubCutStream();
        String body = send(chat(",\"stream\":true")).then().statusCode(200).extract().asString();
        List<String> data = Sse.data(body);
        String last = data.get(data.size() - 1);
        assertFalse(data.contains("[DONE]"), "a cut stream must not end cleanly");
        assertTrue(JSON.readTree(last).has("error"), "the last event is an error: " + last);
    }

    @Test
    void returnsReasoningUnderBothNamesWhenTheProviderReasons() throws Exception {
        if (!stubReasoning()) {
            return;
        }
        send(chat(",\"reasoning_effort\":\"medium\",\"max_tokens\":4000")).then().statusCode(200)
                .body("choices[0].message.reasoning_content", notNullValue())
                .body("choices[0].message.reasoning", notNullValue())
                .body("choices[0].message.content", notNullValue());
    }

    @Test
    void forwardsImagesToolResultsAndSystemPrompts() throws Exception {
        stubText();
        send(CONVERSATION.replace("MODEL", model())).then().statusCode(200)
                .body("choices[0].message.content", equalTo(ANSWER));
        verifyConversation(lastUpstreamBody());
    }

    /** Stubs a reasoning answer; returns false for providers without reasoning. */
    abstract boolean stubReasoning();

    /** Checks the upstream received {@link #CONVERSATION} translated into its own format. */
    abstract void verifyConversation(JsonNode upstreamBody);

    static final String WRITE_FILE = """
            {"type":"function","function":{"name":"write_file","description":"Write a file",
             "parameters":{"type":"object","properties":{"path":{"type":"string"},"content":{"type":"string"}},
             "required":["path","content"]}}}""";

    /** A coding-agent turn: system prompt, an image, an earlier tool call and its result. */
    static final String CONVERSATION = """
            {"model":"MODEL","messages":[
              {"role":"system","content":"You are a coding agent."},
              {"role":"user","content":[{"type":"text","text":"Make this UI"},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                "function":{"name":"write_file","arguments":"{\\"path\\":\\"ui.html\\",\\"content\\":\\"<p>\\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"written"},
              {"role":"user","content":"Thanks. Now squash my commits."}],
             "tools":[""" + WRITE_FILE + "]}";
}
