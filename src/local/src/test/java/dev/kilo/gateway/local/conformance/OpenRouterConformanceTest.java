package dev.kilo.gateway.local.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.UpstreamFakes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * OpenRouter: OpenAI-compatible, accepts unknown fields, and returns reasoning as {@code reasoning}. Model ids keep
 * OpenRouter's own slash: {@code openrouter/anthropic/claude-sonnet-4.5}.
 */
@QuarkusTest
class OpenRouterConformanceTest extends OpenAiCompatibleConformanceTest {

    @Override
    String chatPath() {
        return "/openrouter/api/v1/chat/completions";
    }

    @Override
    String expectedKey() {
        return UpstreamFakes.OPENROUTER_KEY;
    }

    @Override
    String model() {
        return "openrouter/anthropic/claude-sonnet-4.5";
    }

    @Override
    boolean stubReasoning() {
        upstream.stubFor(chatCall().willReturn(okJson(Fixtures.text("openai/chat-reasoning-openrouter.json"))));
        return true;
    }

    @Override
    void verifyConversation(JsonNode body) {
        verifyForwardedAsIs(body, "anthropic/claude-sonnet-4.5");
    }
}
