package dev.kilo.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local fake of the Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) for the
 * cold-start figure: hands out one event, then holds every later {@code next} open as Lambda does between
 * invocations, and completes {@link #answer()} when the invocation's (streamed, chunked) response has fully arrived.
 */
final class FakeLambdaRuntime implements AutoCloseable {

    /** The response body as the function streamed it, and when its last byte arrived (System.nanoTime). */
    record Answer(String body, long arrivedNanos) {
    }

    private final ServerSocket server;
    private final byte[] event;
    private final AtomicBoolean handedOut = new AtomicBoolean();
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();
    private volatile boolean closed;

    FakeLambdaRuntime(String event) throws IOException {
        this.event = event.getBytes(StandardCharsets.UTF_8);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-lambda-runtime");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "fake-lambda-runtime-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                boolean chunked = false;
                int length = 0;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
                    if (lower.startsWith("content-length:")) {
                        length = Integer.parseInt(lower.substring(15).trim());
                    }
                }
                byte[] body = chunked ? chunkedBody(in) : in.readNBytes(length);
                long arrived = System.nanoTime();
                if (requestLine.startsWith("GET") && requestLine.contains("/invocation/next")) {
                    if (!handedOut.compareAndSet(false, true)) {
                        Thread.sleep(Long.MAX_VALUE); // no second invocation: hold the poll, as a frozen sandbox would
                    }
                    respond(out, 200, "Lambda-Runtime-Aws-Request-Id: bench-1\r\nLambda-Runtime-Deadline-Ms: "
                            + (System.currentTimeMillis() + 60_000) + "\r\nLambda-Runtime-Invoked-Function-Arn: "
                            + "arn:aws:lambda:us-east-1:000000000000:function:bench\r\n", event);
                } else if (requestLine.contains("/invocation/bench-1/response")) {
                    answer.complete(new Answer(new String(body, StandardCharsets.UTF_8), arrived));
                    respond(out, 202, "", "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    answer.completeExceptionally(new IOException("the function reported an error: " + requestLine
                            + " " + new String(body, StandardCharsets.UTF_8)));
                    respond(out, 202, "", "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // The function went away: its connections close with it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(OutputStream out, int status, String headers, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\n" + headers + "Content-Length: "
                + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static byte[] chunkedBody(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("chunked body cut short");
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    body.writeBytes(("\n[trailer] " + trailer).getBytes(StandardCharsets.UTF_8));
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(n));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
