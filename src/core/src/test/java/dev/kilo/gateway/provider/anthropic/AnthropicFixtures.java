package dev.kilo.gateway.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.request.GatewayRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the recorded Anthropic wire formats under {@code fixtures/anthropic/}, and builds requests for tests. */
final class AnthropicFixtures {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** One server-sent event as it came over the wire: its {@code event:} name and its {@code data:} text. */
    record Event(String name, String data) {

        JsonNode json() {
            return AnthropicFixtures.parse(data);
        }
    }

    private AnthropicFixtures() {
    }

    static String text(String name) {
        try (InputStream in = AnthropicFixtures.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return parse(text(name));
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of an {@code .sse} transcript: blocks separated by blank lines, multi-line data joined by "\n". */
    static List<Event> sse(String name) {
        List<Event> events = new ArrayList<>();
        for (String block : text(name).split("\\R\\R")) {
            String event = null;
            List<String> data = new ArrayList<>();
            for (String line : block.split("\\R")) {
                if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring("data:".length()).strip());
                }
            }
            if (event != null || !data.isEmpty()) {
                events.add(new Event(event, String.join("\n", data)));
            }
        }
        return events;
    }

    /** Compares JSON values, whatever Java number types built them. */
    static void assertJson(String expected, JsonNode actual) {
        assertEquals(parse(expected), parse(actual.toString()));
    }

    /** A chat request as the request parser hands it to providers. */
    static GatewayRequest request(String json) {
        ObjectNode body = (ObjectNode) parse(json);
        boolean stream = body.path("stream").asBoolean(false);
        return new GatewayRequest(GatewayRequest.Endpoint.CHAT_COMPLETIONS, body, body.path("model").asText(),
                stream, false);
    }
}
