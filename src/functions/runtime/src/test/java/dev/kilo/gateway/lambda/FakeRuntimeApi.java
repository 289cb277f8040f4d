package dev.kilo.gateway.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Lambda Runtime API on a raw socket: hands out queued events from {@code /invocation/next} and records every
 * other request. Chunked bodies are decoded here by hand and each chunk is stamped with its arrival time, so tests
 * can prove that the runtime loop forwards chunks as they come instead of buffering.
 */
public final class FakeRuntimeApi implements AutoCloseable {

    public record Chunk(byte[] data, long arrivedNanos) {
    }

    /** One request to the fake; {@code chunks} and {@code trailers} are filled for chunked requests only. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, List<Chunk> chunks,
            Map<String, String> trailers) {

        public byte[] chunkedBody() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            chunks.forEach(chunk -> all.writeBytes(chunk.data()));
            return all.toByteArray();
        }
    }

    private record Event(String requestId, String traceId, byte[] body) {
    }

    private final ServerSocket server;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FakeRuntimeApi() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-runtime-api");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public void enqueue(String requestId, String traceId, byte[] event) {
        events.add(new Event(requestId, traceId, event));
    }

    /** The next recorded request other than {@code next}, waiting at most 10 s. */
    public Received take() throws InterruptedException {
        Received next = received.poll(10, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("the fake Runtime API received nothing within 10 s");
        }
        return next;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread handler = new Thread(() -> serve(socket), "fake-runtime-api-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Serves keep-alive connections (the JDK client reuses them) until the peer closes. */
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String requestLine = readLine(in); requestLine != null; requestLine = readLine(in)) {
                String[] parts = requestLine.split(" ");
                Map<String, String> headers = readHeaders(in);
                if (parts[1].endsWith("/runtime/invocation/next")) {
                    serveNext(out);
                } else {
                    received.add(readBody(parts[0], parts[1], headers, in));
                    respond(out, "202 Accepted", Map.of(), "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | InterruptedException e) {
            // The peer went away or the fake was closed: this connection is done.
        }
    }

    private void serveNext(OutputStream out) throws IOException, InterruptedException {
        Event event = null;
        while (event == null && !closed) {
            event = events.poll(100, TimeUnit.MILLISECONDS);
        }
        if (event == null) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Lambda-Runtime-Aws-Request-Id", event.requestId());
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.put("Lambda-Runtime-Trace-Id", event.traceId());
        headers.put("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:eu-central-1:123456789012:function:gw");
        respond(out, "200 OK", headers, event.body());
    }

    private static Received readBody(String method, String path, Map<String, String> headers, InputStream in)
            throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            List<Chunk> chunks = new ArrayList<>();
            Map<String, String> trailers = readChunks(in, chunks);
            return new Received(method, path, headers, new byte[0], chunks, trailers);
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Received(method, path, headers, in.readNBytes(length), List.of(), Map.of());
    }

    /** RFC 9112 section 7.1: size line, data, CRLF ... a zero-size chunk, then trailer fields and an empty line. */
    private static Map<String, String> readChunks(InputStream in, List<Chunk> chunks) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside the chunked body");
            }
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return readHeaders(in);
            }
            byte[] data = in.readNBytes(size);
            if (data.length < size || !"".equals(readLine(in))) {
                throw new IOException("malformed chunk");
            }
            chunks.add(new Chunk(data, System.nanoTime()));
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** A CRLF-terminated line without its terminator, or null at the end of the stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b = in.read();
        if (b < 0) {
            return null;
        }
        for (; b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void respond(OutputStream out, String status, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
