package dev.kilo.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.lambda.ApiGatewayEvents.ForwardedRequest;
import dev.kilo.gateway.lambda.LocalForwarder.LocalResponse;
import dev.kilo.gateway.lambda.RuntimeApiClient.Invocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The custom Lambda runtime loop (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html): fetch the next
 * event, replay it as an HTTP request against the application's own server, stream the answer back chunk by chunk.
 * This is how AWS Lambda Web Adapter works, and the only way to stream from a JVM, since Quarkus' Lambda integration
 * posts whole responses.
 * <p>
 * Logs carry request ids, methods, paths and statuses only: headers hold Bearer keys and bodies hold prompts.
 */
public final class RuntimeLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(RuntimeLoop.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER_SIZE = 16 * 1024;

    private final RuntimeApiClient runtime;
    private final LocalForwarder forwarder;
    private volatile boolean stopped;
    private volatile Runnable afterInvocation = () -> { };

    public RuntimeLoop(RuntimeApiClient runtime, LocalForwarder forwarder) {
        this.runtime = runtime;
        this.forwarder = forwarder;
    }

    /**
     * Waits for the local server, then serves invocations until stopped or interrupted. If the server never comes
     * up, reports an init error and returns, so that Lambda replaces this execution environment.
     */
    @Override
    public void run() {
        try {
            if (!forwarder.awaitListening()) {
                LOG.error("The local HTTP server never started listening; reporting an init error");
                runtime.initError("Runtime.AppNotListening", "The gateway's HTTP server did not start");
                return;
            }
            while (!stopped) {
                runOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The Runtime API itself failed: nothing more can be served from this environment.
            LOG.errorf("Lambda Runtime API unusable, stopping the runtime loop: %s", e.toString());
        } catch (RuntimeException e) {
            LOG.errorf("Runtime loop failed unexpectedly, stopping: %s", e.toString());
        }
    }

    /**
     * Work to finish after each answer and before asking for the next invocation: Lambda may freeze the environment
     * as soon as it asks, so background work (usage records) is drained here. The client already has its answer.
     */
    public void afterEachInvocation(Runnable task) {
        this.afterInvocation = task;
    }

    /** Asks the loop to end after the current invocation; interrupt its thread to end a blocked {@code next}. */
    public void stop() {
        stopped = true;
    }

    /** Serves exactly one invocation; failures of the invocation itself are answered, not thrown. */
    public void runOnce() throws IOException, InterruptedException {
        Invocation invocation = runtime.next();
        ForwardedRequest request;
        try {
            request = ApiGatewayEvents.parse(invocation.event());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Invocation %s: %s", invocation.requestId(), e.getMessage());
            runtime.invocationError(invocation.requestId(), "Runtime.InvalidEvent", e.getMessage());
            return;
        }
        LOG.debugf("Invocation %s: %s %s", invocation.requestId(), request.method(), pathOnly(request));
        LocalResponse response;
        try {
            response = forwarder.forward(request);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Invocation %s: the local HTTP server gave no answer: %s", invocation.requestId(),
                    e.getClass().getName());
            answerBridgeError(invocation);
            return;
        }
        relay(invocation, response);
        afterInvocation.run();
    }

    /** Streams the local answer; a write failure towards Lambda ends this invocation only. */
    private void relay(Invocation invocation, LocalResponse response) {
        try (response;
             StreamingResponse out = StreamingResponse.open(runtime.address(), invocation.requestId(),
                     response.status(), response.headers())) {
            copyBody(invocation, response, out);
            LOG.debugf("Invocation %s: answered %d", invocation.requestId(), response.status());
        } catch (IOException e) {
            LOG.errorf("Invocation %s: streaming the response to the Runtime API failed: %s",
                    invocation.requestId(), e.toString());
        }
    }

    /** A chunk read is a chunk written: no buffering, so every server-sent event leaves as soon as it exists. */
    private static void copyBody(Invocation invocation, LocalResponse response, StreamingResponse out)
            throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        while (true) {
            int read;
            try {
                read = response.body().read(buffer);
            } catch (IOException e) {
                LOG.errorf("Invocation %s: the local response broke off mid-stream: %s", invocation.requestId(),
                        e.getClass().getName());
                out.fail("Runtime.LocalResponseInterrupted", "The response was interrupted");
                return;
            }
            if (read < 0) {
                out.finish();
                return;
            }
            out.write(buffer, 0, read);
        }
    }

    /** Nothing was sent yet, so the client still gets a proper HTTP answer: 502 with an OpenAI-style error. */
    private void answerBridgeError(Invocation invocation) {
        try (StreamingResponse out = StreamingResponse.open(runtime.address(), invocation.requestId(), 502,
                Map.of("content-type", List.of("application/json")))) {
            out.write(bridgeErrorBody());
            out.finish();
        } catch (IOException e) {
            LOG.errorf("Invocation %s: sending the 502 answer failed: %s", invocation.requestId(), e.toString());
        }
    }

    static byte[] bridgeErrorBody() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "The gateway could not reach its internal HTTP server. Please retry.");
        error.put("type", "server_error");
        error.putNull("param");
        error.put("code", "lambda_bridge_error");
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String pathOnly(ForwardedRequest request) {
        int query = request.pathAndQuery().indexOf('?');
        return query < 0 ? request.pathAndQuery() : request.pathAndQuery().substring(0, query);
    }
}
