package dev.kilo.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The non-streaming calls of the Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html).
 * The streamed invocation response goes through {@link StreamingResponse}, because the JDK client cannot send
 * chunked trailers.
 */
public final class RuntimeApiClient {

    /** One invocation as handed out by {@code /runtime/invocation/next}. */
    public record Invocation(String requestId, long deadlineMs, String traceId, byte[] event) {
    }

    private static final String BASE = "/2018-06-01/runtime";
    /** Error reports are small and answered at once; only {@code next} may legitimately block for long. */
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String address;
    private final HttpClient http;

    /** @param address the value of {@code AWS_LAMBDA_RUNTIME_API}, {@code host:port} */
    public RuntimeApiClient(String address) {
        if (URI.create("http://" + address + "/").getPort() < 0) {
            throw new IllegalArgumentException("Lambda Runtime API address is not host:port: " + address);
        }
        this.address = address;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The {@code host:port} of the Runtime API, for the raw-socket streamed response. */
    public String address() {
        return address;
    }

    /**
     * Blocks until Lambda hands out the next event (the environment may be frozen meanwhile, so no timeout), and
     * publishes its X-Ray trace id as the {@code _X_AMZN_TRACE_ID} system property, as the AWS runtimes do.
     */
    public Invocation next() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/invocation/next")).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("Runtime API /invocation/next answered HTTP " + response.statusCode());
        }
        String requestId = response.headers().firstValue("Lambda-Runtime-Aws-Request-Id")
                .orElseThrow(() -> new IOException("Runtime API /invocation/next sent no request id"));
        long deadline = response.headers().firstValueAsLong("Lambda-Runtime-Deadline-Ms").orElse(0L);
        String traceId = response.headers().firstValue("Lambda-Runtime-Trace-Id").orElse(null);
        publishTraceId(traceId);
        return new Invocation(requestId, deadline, traceId, response.body());
    }

    /** Posts a whole (buffered) invocation response: for events that are not HTTP requests. */
    public void respond(String requestId, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/invocation/" + requestId + "/response"))
                .timeout(REPORT_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Runtime API response for " + requestId + " answered HTTP " + response.statusCode());
        }
    }

    /** Reports a failed invocation; allowed only before any response byte was sent. */
    public void invocationError(String requestId, String errorType, String message)
            throws IOException, InterruptedException {
        postError("/invocation/" + requestId + "/error", errorType, message);
    }

    /** Reports that the runtime could not initialise; Lambda then discards this execution environment. */
    public void initError(String errorType, String message) throws IOException, InterruptedException {
        postError("/init/error", errorType, message);
    }

    private void postError(String path, String errorType, String message) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(REPORT_TIMEOUT)
                .header("Lambda-Runtime-Function-Error-Type", errorType)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(errorJson(errorType, message))).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("Runtime API " + path + " answered HTTP " + response.statusCode());
        }
    }

    /** The error document of the Runtime API: errorMessage, errorType, stackTrace (deliberately empty). */
    static byte[] errorJson(String errorType, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("errorMessage", message);
        error.put("errorType", errorType);
        error.putArray("stackTrace");
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void publishTraceId(String traceId) {
        if (traceId == null || traceId.isEmpty()) {
            System.clearProperty("_X_AMZN_TRACE_ID");
        } else {
            System.setProperty("_X_AMZN_TRACE_ID", traceId);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + address + BASE + path);
    }
}
