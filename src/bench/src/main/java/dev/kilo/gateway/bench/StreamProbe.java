package dev.kilo.gateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams dribbled completions one at a time over a raw socket and notes when each chunk's marker arrives, so
 * nothing between the socket and the clock buffers. The mock runs in this JVM and records when it sent each chunk
 * on the same clock, which gives, per target: time from the mock's first chunk to the client's first chunk, time
 * per chunk, and how many chunks were held back (arrived only after the mock had already sent the next one).
 */
final class StreamProbe {

    private static final AtomicInteger IDS = new AtomicInteger();

    /** Latencies in milliseconds over all streams; heldBack and missing are chunk counts. */
    record Result(int streams, double firstP50, double firstP99, double chunkP50, double chunkP99, int chunks,
            int heldBack, int missing, int failed) {
    }

    private final MockUpstream mock;

    StreamProbe(MockUpstream mock) {
        this.mock = mock;
    }

    Result run(int port, String path, Map<String, String> headers, String model, int streams)
            throws InterruptedException {
        List<Double> first = new ArrayList<>();
        List<Double> perChunk = new ArrayList<>();
        int heldBack = 0;
        int missing = 0;
        int failed = 0;
        for (int s = 0; s < streams; s++) {
            int id = IDS.incrementAndGet();
            long[] arrived;
            try {
                arrived = stream(port, path, headers, body(model, id));
            } catch (IOException e) {
                if (failed++ == 0) {
                    Bench.log("stream probe on port " + port + " failed: " + e.getMessage());
                }
                continue;
            }
            long[] sent = awaitSent(id);
            if (sent == null) {
                Bench.log("stream probe " + id + ": the mock never finished its stream");
                failed++;
                continue;
            }
            for (int i = 0; i < arrived.length; i++) {
                if (arrived[i] == 0) {
                    missing++;
                    continue;
                }
                double latency = (arrived[i] - sent[i]) / 1e6;
                perChunk.add(latency);
                if (i == 0) {
                    first.add(latency);
                }
                if (i + 1 < sent.length && arrived[i] > sent[i + 1]) {
                    heldBack++;
                }
            }
        }
        return new Result(streams, Stats.percentile(first, 50), Stats.percentile(first, 99),
                Stats.percentile(perChunk, 50), Stats.percentile(perChunk, 99), perChunk.size(), heldBack, missing,
                failed);
    }

    private long[] awaitSent(int id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            long[] sent = mock.sentAt(id);
            if (sent != null) {
                return sent;
            }
            Thread.sleep(5);
        }
        return null;
    }

    static String body(String model, int probe) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Stream the answer (probe-" + probe + ").\"}]}";
    }

    /** Arrival time of each chunk marker (0 where it never came). */
    private static long[] stream(int port, String path, Map<String, String> headers, String body)
            throws IOException {
        long[] arrived = new long[MockUpstream.DRIBBLE_CHUNKS];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + payload.length
                    + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
            read(socket.getInputStream(), arrived);
        }
        return arrived;
    }

    private static void read(InputStream in, long[] arrived) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        int next = 0;
        int from = 0;
        while (true) {
            int n = in.read(buffer);
            long now = System.nanoTime();
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            while (next < arrived.length) {
                int at = text.indexOf(MockUpstream.marker(next), from);
                if (at < 0) {
                    break;
                }
                arrived[next++] = now;
                from = at;
            }
            if (text.indexOf("[DONE]", Math.max(0, from)) >= 0 || text.indexOf("\"error\"") >= 0) {
                break;
            }
        }
        if (!text.toString().startsWith("HTTP/1.1 200")) {
            throw new IOException("stream answered " + text.substring(0, Math.min(200, text.length())));
        }
        if (Arrays.stream(arrived).allMatch(t -> t == 0)) {
            throw new IOException("no chunk arrived: " + text.substring(0, Math.min(400, text.length())));
        }
    }
}
