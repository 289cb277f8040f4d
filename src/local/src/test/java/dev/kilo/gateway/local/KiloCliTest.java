package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real client: Kilo Code CLI (the binary of {@code @kilocode/cli}, installed by the build into src/test/js) runs
 * {@code kilo run --auto -m kilo/kilo/auto "create hello.txt containing hi"} with only {@code KILO_API_URL} pointed
 * at the gateway. The gateway serves {@code kilo/auto} with openai/gpt-5-mini (test config), whose WireMock fake
 * calls Kilo's {@code write} tool and then answers with text; the file must appear. What the CLI sends and expects
 * is written down at the top of src/test/js/kilo-cli.test.mjs.
 */
@QuarkusTest
class KiloCliTest {

    static final String CHAT = "/openai/v1/chat/completions";
    /** The id of the tool call in the fixture, which Kilo sends back with the tool's result. */
    static final String CALL_ID = "call_Kw1ReHel10Txt";
    /** npm installs Kilo Code CLI's binary on Linux x64 only (see src/test/js/package.json). */
    static final Path KILO = NodeTestRun.SCRIPT_DIR.resolve("node_modules/@kilocode/cli-linux-x64/bin/kilo");

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void kiloCodeCliRunsAOneShotTaskThroughTheGateway() throws Exception {
        assumeTrue(Files.isExecutable(KILO), "no Kilo Code CLI binary for this platform (npm has it for Linux x64)");
        upstream.resetAll();
        // Answers chosen by what each request carries rather than by their order, so that a session-title request
        // (kilo-auto/small, no tools), which Kilo may send alongside, gets text and changes nothing.
        upstream.stubFor(post(CHAT).atPriority(9).willReturn(sse("openai/chat-stream.sse")));
        upstream.stubFor(post(CHAT).atPriority(5)
                .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'write')]"))
                .willReturn(sse("openai/chat-kilo-write-tool-call-stream.sse")));
        upstream.stubFor(post(CHAT).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool' && @.tool_call_id == '" + CALL_ID
                        + "')]"))
                .willReturn(sse("openai/chat-stream.sse")));

        NodeTestRun run = NodeTestRun.run("kilo-cli.test.mjs", Map.of(
                "GATEWAY_ROOT", "http://127.0.0.1:" + gateway.getPort(),
                "GATEWAY_KEY", keys.create("kilo-cli", KeyService.ROLE_USER).secret(),
                "CLI_TIMEOUT_MS", "150000"), Duration.ofSeconds(240));

        run.assertPassed("Kilo Code CLI", 3);
        // The task went through the gateway as gpt-5-mini: the tool call, then the tool's result for the answer.
        upstream.verify(moreThanOrExactly(1), postRequestedFor(urlEqualTo(CHAT))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-5-mini")))
                .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'write')]")));
        upstream.verify(1, postRequestedFor(urlEqualTo(CHAT))
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool' && @.tool_call_id == '" + CALL_ID
                        + "')]")));
    }

    static ResponseDefinitionBuilder sse(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.text(fixture));
    }
}
