package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.Sse;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The legacy text completion endpoint (with fill-in-the-middle) and embeddings, passed through. */
@QuarkusTest
class TextCompletionsAndEmbeddingsTest {

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    String auth;

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        if (auth == null) {
            auth = TestKeys.bearer(keys, "text");
        }
    }

    @Test
    void fillInTheMiddleReachesAProviderThatSupportsIt() {
        upstream.stubFor(post("/openai/v1/completions").willReturn(okJson(Fixtures.text("openai/completion.json"))));
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openai/gpt-5-mini\",\"prompt\":\"def add(a, b):\\n\",\"suffix\":\"\\n\","
                        + "\"max_tokens\":16}")
                .post("/v1/completions").then().statusCode(200)
                .header("x-kilo-model", "openai/gpt-5-mini")
                .body("object", equalTo("text_completion"))
                .body("model", equalTo("openai/gpt-5-mini"))
                .body("choices[0].text", equalTo("    return a + b\n"));
        upstream.verify(postRequestedFor(urlEqualTo("/openai/v1/completions")).withRequestBody(equalToJson(
                "{\"model\":\"gpt-5-mini\",\"prompt\":\"def add(a, b):\\n\",\"suffix\":\"\\n\",\"max_tokens\":16}")));
    }

    @Test
    void suffixIsRefusedForAProviderWithoutFillInTheMiddle() {
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openrouter/qwen/qwen3-coder\",\"prompt\":\"def add(a, b):\",\"suffix\":\"\\n\"}")
                .post("/v1/completions").then().statusCode(400)
                .body("error.param", equalTo("suffix"));
        assertEquals(0, upstream.getAllServeEvents().size(), "nothing was sent upstream");
    }

    @Test
    void textCompletionsStream() {
        String events = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"x\","
                + "\"choices\":[{\"text\":\"    return\",\"index\":0,\"finish_reason\":null}]}\n\n"
                + "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"x\","
                + "\"choices\":[{\"text\":\" a + b\",\"index\":0,\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n";
        upstream.stubFor(post("/openai/v1/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(events)));
        String body = given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openai/gpt-5-mini\",\"prompt\":\"def add(a, b):\",\"stream\":true}")
                .post("/v1/completions").then().statusCode(200).extract().asString();
        List<String> data = Sse.data(body);
        assertEquals(3, data.size(), body);
        assertEquals("[DONE]", data.get(2));
    }

    @Test
    void embeddingsPassThrough() {
        upstream.stubFor(post("/openrouter/api/v1/embeddings")
                .withRequestBody(equalToJson("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hello\"}"))
                .willReturn(okJson(Fixtures.text("openai/embeddings.json"))));
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openrouter/openai/text-embedding-3-small\",\"input\":\"hello\"}")
                .post("/v1/embeddings").then().statusCode(200)
                .body("object", equalTo("list"))
                .body("model", equalTo("openrouter/openai/text-embedding-3-small"))
                .body("data[0].embedding.size()", equalTo(3));
    }

    @Test
    void aModelOutsideAProvidersConfiguredListIs404() {
        given().header("Authorization", auth).contentType("application/json")
                .body("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hello\"}")
                .post("/v1/embeddings").then().statusCode(404).body("error.code", equalTo("model_not_found"));
        assertEquals(0, upstream.getAllServeEvents().size(), "nothing was sent upstream");
    }
}
