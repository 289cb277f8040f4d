package dev.kilo.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.lambda.FakeRuntimeApi.Chunk;
import dev.kilo.gateway.lambda.FakeRuntimeApi.Received;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A streamed invocation response as the fake Runtime API recorded it, read the way API Gateway and function URLs
 * read it: the first chunk is the JSON prelude plus 8 NUL bytes, every later chunk is response body.
 */
public record StreamedAnswer(JsonNode prelude, List<Chunk> bodyChunks, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static StreamedAnswer of(Received response) throws IOException {
        assertTrue("streaming".equals(response.headers().get("lambda-runtime-function-response-mode")),
                "not a streamed response: " + response.headers());
        assertTrue(response.trailers().isEmpty(), "the stream ended with an error: " + response.trailers());
        List<Chunk> chunks = response.chunks();
        assertTrue(!chunks.isEmpty(), "no prelude chunk");
        List<Chunk> body = chunks.subList(1, chunks.size());
        return new StreamedAnswer(prelude(chunks.get(0).data()), body, text(body));
    }

    public int status() {
        return prelude.path("statusCode").asInt();
    }

    /** A response header as the prelude carries it (lower-case name), or null. */
    public String header(String name) {
        JsonNode value = prelude.path("headers").get(name);
        return value == null ? null : value.asText();
    }

    public JsonNode json() throws IOException {
        return JSON.readTree(body);
    }

    private static JsonNode prelude(byte[] data) throws IOException {
        int end = data.length - StreamingResponse.DELIMITER_LENGTH;
        assertTrue(end > 0, "the prelude chunk is too short");
        assertArrayEquals(new byte[StreamingResponse.DELIMITER_LENGTH], Arrays.copyOfRange(data, end, data.length),
                "the prelude chunk must end with 8 NUL bytes");
        return JSON.readTree(Arrays.copyOf(data, end));
    }

    private static String text(List<Chunk> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(chunk -> all.writeBytes(chunk.data()));
        return all.toString(StandardCharsets.UTF_8);
    }
}
