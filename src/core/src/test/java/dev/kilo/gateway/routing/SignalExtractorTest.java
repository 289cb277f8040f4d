package dev.kilo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalExtractorTest {

    @Test
    void countsTokensWithTheRealTokenizer() {
        assertEquals(2, TokenCounter.count("hello world"));
        RequestSignals s = RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hello world\"}]}");
        // 3 priming + 4 framing + 2 text tokens, as OpenAI's cookbook counts a chat prompt.
        assertEquals(9, s.promptTokens());
    }

    @Test
    void extrapolatesVeryLongTextFromAnExactSample() {
        String text = "public int add(int a, int b) { return a + b; }\n".repeat(20_000);
        long perLine = TokenCounter.count("public int add(int a, int b) { return a + b; }\n".repeat(20)) / 20;
        long exact = perLine * 20_000;
        int estimated = TokenCounter.count(text);
        assertTrue(Math.abs(estimated - exact) < exact * 0.05, estimated + " vs " + exact);
    }

    @Test
    void readsNeedsFromTheBody() {
        RequestSignals s = RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"max_completion_tokens\":900,"
                + "\"reasoning_effort\":\"high\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
                + "{\"name\":\"x\"}},\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"see\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]}");
        assertTrue(s.usesTools());
        assertTrue(s.hasImages());
        assertTrue(s.jsonSchema());
        assertTrue(s.reasoningRequested());
        assertEquals(900, s.requestedOutputTokens());
        assertTrue(s.promptTokens() > TokenCounter.PER_IMAGE);
    }

    @Test
    void reasoningEffortNoneNeedsNoReasoningModel() {
        assertFalse(RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"reasoning_effort\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").reasoningRequested());
    }

    @Test
    void aToolHistoryNeedsToolsEvenWithoutDefinitions() {
        RequestSignals s = RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"go\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"1\","
                + "\"content\":\"ok\"}]}");
        assertTrue(s.usesTools());
        assertTrue(s.inToolLoop());
    }

    @Test
    void aSessionHeaderWinsOverTheLeadingMessages() {
        RequestSignals s = RoutingFixtures.signals(RoutingFixtures.userChat("hi"), Map.of("x-session-id", "abc"));
        assertEquals("x-session-id", s.sessionSource());
        assertTrue(s.sessionKey().startsWith("h:"));
    }

    @Test
    void laterTurnsOfAConversationShareItsSessionKey() {
        RequestSignals first = RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"add a flag\"}]}");
        RequestSignals later = RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"system\","
                + "\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"add a flag\"},{\"role\":\"assistant\","
                + "\"content\":\"done\"},{\"role\":\"user\",\"content\":\"now test it\"}]}");
        RequestSignals other = RoutingFixtures.signals("{\"model\":\"kilo/auto\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"something else\"}]}");
        assertEquals("leading messages", first.sessionSource());
        assertEquals(first.sessionKey(), later.sessionKey());
        assertNotEquals(first.sessionKey(), other.sessionKey());
    }

    @Test
    void readsTheModeFromKiloCodesEnvironmentDetails() {
        RequestSignals s = RoutingFixtures.signals(RoutingFixtures.userChat(
                "<task>x</task><environment_details># Current Mode\n<slug>debug</slug>\n</environment_details>"),
                Map.of());
        assertEquals("debug", s.mode());
        assertEquals("x", s.instruction());
    }
}
