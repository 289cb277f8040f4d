package dev.kilo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Long texts are estimated, and counted exactly only when the decision depends on the count. */
class PromptSizeTest {

    private static final RoutingPolicy POLICY = RoutingFixtures.policy();
    private static final String CODE_LINE = "    total = sum(item['price'] * item['qty'] for item in items)  # 42\n";

    /** Texts of the kinds agents send, plus the adversarial kinds the estimate was calibrated on. */
    static Map<String, String> samples() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("java source", Files.readString(Path.of("src/main/java/dev/kilo/gateway/routing/Router.java")));
        texts.put("json", Files.readString(Path.of("src/main/resources/model-registry.json")));
        texts.put("python", CODE_LINE.repeat(300));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            log.append("2025-01-0").append(i % 9 + 1).append("T12:00:").append(10 + i % 50)
                    .append("Z ERROR OrderService - failed to load order ").append(1000 + i).append('\n')
                    .append("\tat dev.kilo.orders.OrderService.load(OrderService.java:").append(40 + i % 30).append(")\n");
        }
        texts.put("log", log.toString());
        texts.put("prose", ("Routing picks a model per request from what the request is and what it needs. "
                + "Every model it can pick can serve the request, and the reasons say which signal decided. ").repeat(60));
        Random random = new Random(3);
        byte[] bytes = new byte[12_000];
        random.nextBytes(bytes);
        texts.put("base64", java.util.Base64.getEncoder().encodeToString(bytes));
        StringBuilder letters = new StringBuilder();
        while (letters.length() < 10_000) {
            for (int k = 2 + random.nextInt(10); k > 0; k--) {
                letters.append((char) ('a' + random.nextInt(26)));
            }
            letters.append(' ');
        }
        texts.put("random letters", letters.toString());
        return texts;
    }

    @Test
    void theEstimateStaysWithinItsErrorOfTheExactCount() throws IOException {
        for (Map.Entry<String, String> sample : samples().entrySet()) {
            int exact = TokenCounter.count(sample.getValue());
            int estimate = TokenEstimate.of(sample.getValue());
            assertTrue(Math.abs(estimate - exact) <= TokenEstimate.ERROR * exact,
                    sample.getKey() + ": estimated " + estimate + ", counted " + exact);
        }
    }

    @Test
    void anUncalibratedScriptIsCountedInstead() {
        for (String text : List.of("राउटर हर अनुरोध के लिए एक मॉडल चुनता है। ".repeat(100),
                "路由器根据请求的内容和需求为每个请求选择一个模型，并说明原因。".repeat(150))) {
            assertEquals(-1, TokenEstimate.of(text));
            PromptSize size = new PromptSize();
            size.add(text);
            assertFalse(size.estimated());
            assertEquals(TokenCounter.count(text), size.tokens());
        }
    }

    @Test
    void shortTextsAreCountedAndLongOnesEstimatedUntilAsked() {
        PromptSize size = new PromptSize();
        size.add("hello world");
        assertFalse(size.estimated());
        assertEquals(2, size.tokens());
        String file = java.util.UUID.randomUUID() + CODE_LINE.repeat(100);
        size.add(file);
        assertTrue(size.estimated());
        assertEquals(2 + TokenEstimate.of(file), size.tokens());
        assertTrue(size.low() < size.tokens() && size.tokens() < size.high());
        size.countExactly();
        assertFalse(size.estimated());
        assertEquals(2 + TokenCounter.count(file), size.tokens());

        PromptSize nextRequest = new PromptSize();
        nextRequest.add(new String(file.toCharArray()));
        assertFalse(nextRequest.estimated(), "a text counted for an earlier request is known exactly");
    }

    @Test
    void anEstimateIsRememberedForTheNextRequest() {
        String file = java.util.UUID.randomUUID() + CODE_LINE.repeat(100);
        PromptSize first = new PromptSize();
        first.add(file);
        PromptSize next = new PromptSize();
        next.add(new String(file.toCharArray()));
        assertTrue(next.estimated());
        assertEquals(first.tokens(), next.tokens());
        assertEquals(~first.tokens(), TokenCounter.known(file));
    }

    /** A tool-loop request whose tool result is new to this process (counts are cached by content). */
    private static ObjectNode toolLoop(String toolResult) {
        toolResult = "# " + java.util.UUID.randomUUID() + "\n" + toolResult;
        ObjectNode body = RoutingFixtures.userChat("add type hints to orders.py");
        var messages = (com.fasterxml.jackson.databind.node.ArrayNode) body.path("messages");
        messages.addObject().put("role", "assistant").putArray("tool_calls").addObject().put("id", "1")
                .put("type", "function").putObject("function").put("name", "read_file").put("arguments", "{}");
        messages.addObject().put("role", "tool").put("tool_call_id", "1").put("content", toolResult);
        return body;
    }

    private static RouteDecision decide(RequestSignals signals, RoutingControls controls) {
        return Router.decide("kilo/auto", signals, POLICY, controls, null, p -> true, p -> false, null);
    }

    @Test
    void aPromptFarFromEveryContextWindowIsNotCountedAndRoutesAsCounted() {
        // About 6,000 tokens: every fixture window (32K and up) holds the largest count the estimate allows.
        ObjectNode body = toolLoop(CODE_LINE.repeat(350));
        RequestSignals estimated = RoutingFixtures.signals(body, Map.of());
        RouteDecision fast = decide(estimated, null);
        assertTrue(estimated.prompt().estimated(), "counted although no window is near");

        RequestSignals counted = RoutingFixtures.signals(body, Map.of());
        counted.prompt().countExactly();
        RouteDecision exact = decide(counted, null);
        assertEquals(exact.chosen(), fast.chosen());
        assertEquals(exact.fallbacks(), fast.fallbacks());
    }

    @Test
    void aPromptWhoseEstimateSpansAContextWindowIsCounted() {
        // About 28,000 tokens: the 32,768-token Ollama model may or may not hold it.
        ObjectNode body = toolLoop(CODE_LINE.repeat(1_650));
        RequestSignals signals = RoutingFixtures.signals(body, Map.of());
        int low = Needs.minContext(signals.prompt().low(), 0);
        int high = Needs.minContext(signals.prompt().high(), 0);
        assertTrue(low <= 32_768 && 32_768 < high, low + ".." + high);
        RouteDecision d = decide(signals, null);
        assertFalse(signals.prompt().estimated());
        assertEquals(Needs.minContext(signals.promptTokens(), 0), d.needs().minContext());
    }

    @Test
    void aPerRequestPriceCapCountsThePrompt() {
        RequestSignals signals = RoutingFixtures.signals(toolLoop(CODE_LINE.repeat(350)), Map.of());
        decide(signals, new RoutingControls(null, new RoutingControls.MaxPrice(null, null, 1.0), null, null, null));
        assertFalse(signals.prompt().estimated());
    }

    @Test
    void theContextLimitsBetweenTwoNeedsAreFound() {
        List<Integer> windows = List.of(32_768, 128_000, 131_072, 200_000, 256_000, 400_000);
        assertTrue(POLICY.contextLimitBetween(32_768, 32_769));
        assertFalse(POLICY.contextLimitBetween(32_769, 128_000));
        assertTrue(POLICY.contextLimitBetween(100_000, 128_001));
        assertFalse(POLICY.contextLimitBetween(400_001, 2_000_000));
        assertFalse(POLICY.contextLimitBetween(1_000, 1_000));
        for (int window : windows) {
            assertTrue(POLICY.contextLimitBetween(window - 10, window + 1), "window " + window);
        }
    }
}
