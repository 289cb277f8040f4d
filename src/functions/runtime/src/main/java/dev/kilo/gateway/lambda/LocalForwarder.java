package dev.kilo.gateway.lambda;

import dev.kilo.gateway.lambda.ApiGatewayEvents.ForwardedRequest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a {@link ForwardedRequest} against the application's own HTTP server on {@code 127.0.0.1:<port>} and hands
 * back the answer with its body as an {@link InputStream} that yields bytes as they arrive, so a server-sent event
 * stream stays a stream.
 */
public final class LocalForwarder {

    /** The local server's answer; the caller must close it to release the connection. */
    public record LocalResponse(int status, Map<String, List<String>> headers, InputStream body) implements Closeable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final int port;
    private final Duration connectWindow;
    private final HttpClient http;

    /**
     * @param connectWindow how long to keep retrying a refused connection: on a cold start the first event can
     *                      arrive before the HTTP server listens
     */
    public LocalForwarder(int port, Duration connectWindow) {
        this.port = port;
        this.connectWindow = connectWindow;
        // HTTP/1.1 forced: the JDK client would otherwise try an h2c upgrade on every new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Sends the request, retrying only refused connections (nothing was sent then), within the connect window. */
    public LocalResponse forward(ForwardedRequest request) throws IOException, InterruptedException {
        HttpRequest httpRequest = toHttpRequest(request);
        long giveUpAt = System.nanoTime() + connectWindow.toNanos();
        while (true) {
            try {
                HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
                return new LocalResponse(response.statusCode(), response.headers().map(), response.body());
            } catch (ConnectException e) {
                if (System.nanoTime() >= giveUpAt) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /** Waits until something accepts connections on the port; used once before the first event is fetched. */
    public boolean awaitListening() throws InterruptedException {
        long giveUpAt = System.nanoTime() + connectWindow.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return true;
            } catch (IOException e) {
                if (System.nanoTime() >= giveUpAt) {
                    return false;
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private HttpRequest toHttpRequest(ForwardedRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + request.pathAndQuery()));
        HttpRequest.BodyPublisher body = request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        builder.method(request.method(), body);
        forwardableHeaders(request.headers()).forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        return builder.build();
    }

    /**
     * The JDK client refuses to set Host (and a few framing headers, already dropped by the parser). The public
     * host is still useful to the application for absolute links, so it travels as X-Forwarded-Host, the way
     * reverse proxies pass it on.
     */
    static Map<String, List<String>> forwardableHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> result = new LinkedHashMap<>(headers);
        List<String> host = result.remove("host");
        if (host != null && !result.containsKey("x-forwarded-host")) {
            result.put("x-forwarded-host", host);
        }
        result.keySet().removeIf(name -> !isSettable(name));
        return result;
    }

    private static boolean isSettable(String name) {
        try {
            HttpRequest.newBuilder().header(name, "probe");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
