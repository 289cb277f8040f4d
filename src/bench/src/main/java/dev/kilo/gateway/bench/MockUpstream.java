package dev.kilo.gateway.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fast OpenAI-compatible upstream: {@code GET /v1/models}, and {@code POST /v1/chat/completions} answered with a
 * fixed JSON body, or with SSE when the body says {@code "stream":true}. A stream request whose content names a
 * probe ({@code probe-<n>}) is dribbled: {@link #DRIBBLE_CHUNKS} chunks, one every {@code gapMillis}, each chunk's
 * send time recorded for {@link StreamProbe}, which runs in this JVM and so reads the same clock.
 * <p>
 * Pre-encoded buffers and one event loop: the mock must cost far less than anything measured through it.
 */
final class MockUpstream implements AutoCloseable {

    static final String MODEL = "gpt-4o-mini";
    static final int DRIBBLE_CHUNKS = 10;
    private static final Pattern PROBE = Pattern.compile("probe-(\\d+)");

    private static final Buffer MODELS = Buffer.buffer("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
            + "\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"bench\"}]}");
    private static final Buffer COMPLETION = Buffer.buffer("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1700000000,\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"Sure: the bug is an off-by-one in the loop bound; use i < n.\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":87,\"completion_tokens\":17,"
            + "\"total_tokens\":104}}");
    private static final Buffer USAGE_CHUNK = event("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"" + MODEL + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":87,"
            + "\"completion_tokens\":" + DRIBBLE_CHUNKS + ",\"total_tokens\":" + (87 + DRIBBLE_CHUNKS) + "}}");
    private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");

    private final Vertx vertx;
    private final HttpServer server;
    private final long gapMillis;
    /** Per probe id: when each dribbled chunk was handed to the socket (System.nanoTime). */
    private final Map<Integer, long[]> sentAt = new ConcurrentHashMap<>();

    private MockUpstream(Vertx vertx, HttpServer server, long gapMillis) {
        this.vertx = vertx;
        this.server = server;
        this.gapMillis = gapMillis;
    }

    static MockUpstream start(long gapMillis, int port) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setTcpNoDelay(true).setIdleTimeout(0));
        MockUpstream mock = new MockUpstream(vertx, server, gapMillis);
        server.requestHandler(mock::handle);
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return mock;
    }

    int port() {
        return server.actualPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Send times of a dribbled stream's chunks, once it has ended (null before). */
    long[] sentAt(int probe) {
        return sentAt.get(probe);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals("/v1/models")) {
            request.response().putHeader("content-type", "application/json").end(MODELS);
        } else if (request.method() == HttpMethod.POST && path.equals("/v1/chat/completions")) {
            request.body().onSuccess(body -> chat(request.response(), body));
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void chat(HttpServerResponse response, Buffer body) {
        String text = body.toString(StandardCharsets.UTF_8);
        if (!text.contains("\"stream\":true")) {
            response.putHeader("content-type", "application/json").end(COMPLETION);
            return;
        }
        response.setChunked(true).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache");
        Matcher probe = PROBE.matcher(text);
        if (!probe.find()) {
            for (int i = 0; i < DRIBBLE_CHUNKS; i++) {
                response.write(contentChunk(i));
            }
            response.write(USAGE_CHUNK);
            response.end(DONE);
            return;
        }
        int id = Integer.parseInt(probe.group(1));
        long[] times = new long[DRIBBLE_CHUNKS];
        vertx.setTimer(gapMillis, t -> dribble(response, id, times, 0));
    }

    private void dribble(HttpServerResponse response, int probe, long[] times, int index) {
        times[index] = System.nanoTime();
        response.write(contentChunk(index));
        if (index + 1 < DRIBBLE_CHUNKS) {
            vertx.setTimer(gapMillis, t -> dribble(response, probe, times, index + 1));
            return;
        }
        sentAt.put(probe, times);
        response.write(USAGE_CHUNK);
        response.end(DONE);
    }

    /** Chunk {@code i} carries the marker {@code t<i>|}, which {@link StreamProbe} looks for on arrival. */
    static String marker(int index) {
        return "t" + index + "|";
    }

    private static Buffer contentChunk(int index) {
        String delta = index == 0 ? "{\"role\":\"assistant\",\"content\":\"" + marker(0) + "\"}"
                : "{\"content\":\"" + marker(index) + "\"}";
        String finish = index == DRIBBLE_CHUNKS - 1 ? "\"stop\"" : "null";
        return event("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + finish + "}]}");
    }

    private static Buffer event(String json) {
        return Buffer.buffer("data: " + json + "\n\n");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
