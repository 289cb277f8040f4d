package dev.kilo.gateway.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.testing.Fixtures;
import dev.kilo.gateway.testing.InjectUpstream;
import dev.kilo.gateway.testing.TestKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams reach the client as the upstream produces them, not when it is done: with the upstream spreading its
 * answer over 1.5 s, the client's events must be spread over most of that time too.
 */
@QuarkusTest
class StreamingDeliveryTest {

    static final long UPSTREAM_SPREAD_MS = 1500;

    @InjectUpstream
    WireMockServer upstream;

    @Inject
    KeyService keys;

    @TestHTTPResource("/v1/chat/completions")
    URL endpoint;

    @Test
    @Timeout(30)
    void eventsArriveWhileTheUpstreamIsStillSending() throws Exception {
        upstream.resetAll();
        upstream.stubFor(post("/openai/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(Fixtures.text("openai/chat-stream.sse"))
                .withChunkedDribbleDelay(6, (int) UPSTREAM_SPREAD_MS)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.toString()))
                .header("Authorization", TestKeys.bearer(keys, "delivery"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-5-mini\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());

        List<Long> arrivals = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data: ")) {
                    arrivals.add(System.nanoTime() / 1_000_000);
                }
            }
        }
        assertTrue(arrivals.size() >= 6, "several events: " + arrivals.size());
        long spread = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
        // Buffering would deliver everything at once (spread near 0); streaming keeps most of the upstream's spread.
        assertTrue(spread >= UPSTREAM_SPREAD_MS / 2, "events spread over " + spread + " ms, upstream over "
                + UPSTREAM_SPREAD_MS + " ms");
    }
}
