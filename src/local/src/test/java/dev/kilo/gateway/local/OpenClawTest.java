package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.InjectUpstream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real client: OpenClaw ({@code openclaw}, installed by the build into src/test/js, run on the Node 24 from npm)
 * sends one message with {@code openclaw agent --local} through the gateway's {@code /api/gateway/}, as a provider
 * {@code kilocode} whose base URL is the gateway, and prints the answer. What OpenClaw sends and how it is configured
 * is written down at the top of src/test/js/openclaw.test.mjs.
 */
@QuarkusTest
class OpenClawTest {

    static final String CHAT = "/openai/v1/chat/completions";

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void openClawSendsOneMessageThroughApiGateway() throws Exception {
        upstream.resetAll();
        upstream.stubFor(post(CHAT).willReturn(KiloCliTest.sse("openai/chat-stream.sse")));

        NodeTestRun run = NodeTestRun.run("openclaw.test.mjs", Map.of(
                "GATEWAY_ROOT", "http://127.0.0.1:" + gateway.getPort(),
                "GATEWAY_KEY", keys.create("openclaw", KeyService.ROLE_USER).secret(),
                "EXPECTED_ANSWER", "Hello from the gateway!",
                "CLI_TIMEOUT_MS", "150000"), Duration.ofSeconds(240));

        run.assertPassed("OpenClaw", 1);
        // kilocode/kilo/auto reached the upstream as the model kilo/auto is served by, streamed with usage.
        upstream.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo(CHAT))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5-mini")))
                .withRequestBody(matchingJsonPath("$[?(@.stream == true)]")));
    }
}
