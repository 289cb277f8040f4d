package dev.kilo.gateway.local.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.junit.QuarkusTest;

/** OpenAI itself: the strict OpenAI-compatible preset. */
@QuarkusTest
class OpenAiConformanceTest extends OpenAiCompatibleConformanceTest {

    @Override
    String chatPath() {
        return "/openai/v1/chat/completions";
    }

    @Override
    String expectedKey() {
        return UpstreamFakes.OPENAI_KEY;
    }

    @Override
    String model() {
        return "openai/gpt-5-mini";
    }

    @Override
    boolean stubReasoning() {
        return false;
    }

    @Override
    void verifyConversation(JsonNode body) {
        verifyForwardedAsIs(body, "gpt-5-mini");
    }
}
