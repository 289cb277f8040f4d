package dev.kilo.gateway.provider.anthropic;

import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.json;
import static dev.kilo.gateway.provider.anthropic.AnthropicFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.config.ProviderConfig;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.provider.UpstreamHttpException;
import dev.kilo.gateway.request.GatewayRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.client.SseEvent;
import org.junit.jupiter.api.Test;

/** The provider against a scripted {@link AnthropicApi}: what it sends, and how it reads answers and failures. */
class AnthropicProviderTest {

    private static final GatewayRequest CHAT = request("""
            {"model": "anthropic/claude-sonnet-4-5", "messages": [{"role": "user", "content": "Hi"}]}""");
    private static final GatewayRequest STREAM = request("""
            {"model": "anthropic/claude-sonnet-4-5", "messages": [{"role": "user", "content": "Hi"}],
             "stream": true}""");

    /** Answers with what the test scripts and remembers what it was sent. */
    private static final class ScriptedApi implements AnthropicApi {
        private final List<ObjectNode> sent = new ArrayList<>();
        private Uni<ObjectNode> answer;
        private Multi<SseEvent<String>> events;

        @Override
        public Uni<ObjectNode> messages(ObjectNode body) {
            sent.add(body);
            return answer;
        }

        @Override
        public Multi<SseEvent<String>> messagesStream(ObjectNode body) {
            sent.add(body);
            return events;
        }
    }

    private record Event(String name, String data) implements SseEvent<String> {
        @Override
        public String id() {
            return null;
        }

        @Override
        public String comment() {
            return null;
        }
    }

    private final ScriptedApi api = new ScriptedApi();
    private final AnthropicProvider provider = new AnthropicProvider("anthropic", config(), api,
            AnthropicFixtures.MAPPER);

    /** Only the two settings the provider reads; anything else would be a test bug. */
    private static ProviderConfig config() {
        return (ProviderConfig) Proxy.newProxyInstance(ProviderConfig.class.getClassLoader(),
                new Class<?>[] {ProviderConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "timeout" -> Duration.ofSeconds(5);
                    case "defaultMaxTokens" -> 4096;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Multi<SseEvent<String>> events(String fixture) {
        return Multi.createFrom().iterable(AnthropicFixtures.sse(fixture))
                .map(event -> (SseEvent<String>) new Event(event.name(), event.data()));
    }

    @Test
    void chatSendsTheTranslatedRequestAndAnswersInOpenAiShape() {
        api.answer = Uni.createFrom().item((ObjectNode) json("message-text.json"));
        ObjectNode response = provider.chat(CHAT, "claude-sonnet-4-5").await().indefinitely();
        assertEquals("Hi! My name is Claude.", response.at("/choices/0/message/content").asText());
        assertEquals("claude-sonnet-4-5", response.get("model").asText());
        ObjectNode sent = api.sent.get(0);
        assertEquals(4096, sent.get("max_tokens").asInt());
        assertFalse(sent.has("stream"));
    }

    @Test
    void untranslatableRequestFailsWithoutCallingAnthropic() {
        GatewayRequest request = request("""
                {"model": "m", "messages": [{"role": "user", "content": "Hi"}], "temperature": 1.8}""");
        GatewayException e = assertThrows(GatewayException.class,
                () -> provider.chat(request, "claude").await().indefinitely());
        assertEquals("temperature", e.param());
        assertThrows(GatewayException.class,
                () -> provider.chatStream(request, "claude").collect().asList().await().indefinitely());
        assertTrue(api.sent.isEmpty());
    }

    @Test
    void upstreamErrorStatusIsMapped() {
        api.answer = Uni.createFrom().failure(new UpstreamHttpException(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", null));
        GatewayException e = assertThrows(GatewayException.class,
                () -> provider.chat(CHAT, "claude").await().indefinitely());
        assertEquals(503, e.status());
    }

    @Test
    void answerWithoutContentIsInvalid() {
        api.answer = Uni.createFrom().item((ObjectNode) AnthropicFixtures.parse("{\"unexpected\": true}"));
        GatewayException e = assertThrows(GatewayException.class,
                () -> provider.chat(CHAT, "claude").await().indefinitely());
        assertEquals("upstream_invalid_response", e.code());
    }

    @Test
    void streamSendsStreamTrueAndEndsWithUsage() {
        api.events = events("stream-text.sse");
        List<ObjectNode> chunks = provider.chatStream(STREAM, "claude-sonnet-4-5").collect().asList()
                .await().indefinitely();
        assertTrue(api.sent.get(0).get("stream").asBoolean());
        assertEquals(5, chunks.size());
        assertEquals(40, chunks.get(4).at("/usage/total_tokens").asInt());
    }

    @Test
    void errorEventFailsTheStream() {
        api.events = events("stream-overloaded.sse");
        List<ObjectNode> received = new ArrayList<>();
        GatewayException e = assertThrows(GatewayException.class, () -> provider.chatStream(STREAM, "claude")
                .onItem().invoke(received::add).collect().asList().await().indefinitely());
        assertEquals(503, e.status());
        assertEquals("Once upon", received.get(1).at("/choices/0/delta/content").asText());
    }

    @Test
    void unreadableEventDataFailsTheStream() {
        api.events = Multi.createFrom().<SseEvent<String>>items(new Event("message_start", "<html>oops</html>"));
        Throwable failure = assertThrows(RuntimeException.class,
                () -> provider.chatStream(STREAM, "claude").collect().asList().await().indefinitely());
        assertInstanceOf(GatewayException.class, failure);
        assertEquals("upstream_invalid_response", ((GatewayException) failure).code());
    }
}
