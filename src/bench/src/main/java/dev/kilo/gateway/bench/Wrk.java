package dev.kilo.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Load from a separate process: wrk (Debian's package) with a Lua script that POSTs one chat completion and prints
 * wrk's own latency percentiles as one JSON line. wrk keeps each connection busy (closed loop), so requests/s at
 * 16 connections is the throughput, and latency at 1 connection is one request's round trip.
 */
final class Wrk {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One load run's figures; latencies in milliseconds. */
    record Load(int connections, int seconds, long requests, double rps, double p50, double p90, double p99,
            double max, long errors, long non2xx) {

        /** Requests answered with a success: each must have its usage record. */
        long succeeded() {
            return requests - non2xx;
        }

        /**
         * Requests that may or may not have one: refused ones (a refusal before the upstream call has none) and
         * those still in flight when wrk stopped (at most one per connection), which the gateway may still record.
         */
        long uncertain() {
            return non2xx + connections;
        }
    }

    private final Path workDir;

    Wrk(Path workDir) {
        this.workDir = workDir;
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (Processes.onPath("wrk")) {
            return;
        }
        System.out.println("wrk is missing: installing Debian's package (apt-get install -y wrk)");
        int status = new ProcessBuilder("sh", "-c",
                "apt-get install -y wrk || (apt-get update && apt-get install -y wrk)")
                .inheritIO().start().waitFor();
        if (status != 0 || !Processes.onPath("wrk")) {
            throw new IOException("wrk is needed (apt-get install wrk) and could not be installed");
        }
    }

    Load run(String name, String url, Map<String, String> headers, String body, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = workDir.resolve(name + ".lua");
        Files.writeString(script, script(headers, body));
        int threads = Math.min(connections, 2);
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        String line = output.lines().filter(l -> l.startsWith("BENCH ")).findFirst()
                .orElseThrow(() -> new IOException("wrk printed no result: " + output));
        JsonNode r = JSON.readTree(line.substring(6));
        long requests = r.get("requests").asLong();
        double seconds_ = r.get("duration_us").asDouble() / 1e6;
        long errors = r.get("connect").asLong() + r.get("read").asLong() + r.get("write").asLong()
                + r.get("timeout").asLong() + r.get("status").asLong();
        return new Load(connections, seconds, requests, requests / seconds_, ms(r, "p50"), ms(r, "p90"),
                ms(r, "p99"), ms(r, "max"), errors, r.get("status").asLong());
    }

    /**
     * Loads the target at {@code connections} in windows of {@code window} seconds until it has run at least
     * {@code minSeconds} and two windows in a row agree on requests/s within 5% (the last no lower than 95% of the best
     * window), or {@code maxSeconds} have passed:
     * a JVM (ours, and DynamoDB Local's) keeps compiling for a minute under load on two cores, and a figure taken
     * before it settles measures the JIT, not the gateway. Every target gets the same rule.
     */
    List<Load> warmUp(String name, String url, Map<String, String> headers, String body, int connections,
            int minSeconds, int maxSeconds, int window) throws IOException, InterruptedException {
        List<Load> windows = new ArrayList<>();
        int elapsed = 0;
        while (elapsed < maxSeconds) {
            Load load = run(name + "-warmup", url, headers, body, connections, window);
            windows.add(load);
            elapsed += window;
            if (elapsed >= minSeconds && windows.size() >= 2) {
                double previous = windows.get(windows.size() - 2).rps();
                double best = windows.stream().mapToDouble(Load::rps).max().orElse(0);
                // Level with the window before and not in a dip below the best one seen.
                if (Math.abs(load.rps() - previous) <= 0.05 * previous && load.rps() >= 0.95 * best) {
                    break;
                }
            }
        }
        return windows;
    }

    private static double ms(JsonNode r, String field) {
        return r.get(field).asDouble() / 1000.0;
    }

    private static String script(Map<String, String> headers, String body) {
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n");
        lua.append("wrk.body = ").append(luaString(body)).append('\n');
        lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        headers.forEach((name, value) -> lua.append("wrk.headers[").append(luaString(name)).append("] = ")
                .append(luaString(value)).append('\n'));
        lua.append("""
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,' ..
                    '"write":%d,"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d}\\n',
                    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
                    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
                end
                """);
        return lua.toString();
    }

    private static String luaString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
