package dev.kilo.gateway.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The processes the bench starts (gateways, the function), each logging to its own file and stopped at the end. */
final class Processes {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(500)).build();

    /** A started process and when it was started (System.nanoTime, taken just before the fork). */
    record Started(String name, Process process, long startedNanos, Path log) implements AutoCloseable {

        long pid() {
            return process.pid();
        }

        /** Resident set size now, from /proc (Linux), in MiB; -1 where unreadable. */
        double rssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private Processes() {
    }

    static Started start(String name, List<String> command, Map<String, String> env, Path dir, Path logDir)
            throws IOException {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        return new Started(name, process, started, log);
    }

    /**
     * Sends {@code request} every few milliseconds until it is answered 200, and returns the time from the
     * process' start to that answer, in milliseconds.
     */
    static double untilAnswered(Started started, HttpRequest request, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!started.process().isAlive()) {
                throw new IOException(started.name() + " exited with " + started.process().exitValue() + "; see "
                        + started.log());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return (System.nanoTime() - started.startedNanos()) / 1e6;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(5);
        }
        throw new IOException(started.name() + " did not answer within " + timeout + " (last: " + last + "); see "
                + started.log());
    }

    static HttpRequest post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** CPU time a process has used so far (user + system, from /proc, Linux), in milliseconds; -1 if unreadable. */
    static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat(5); the kernel counts them in USER_HZ (100 on Linux).
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The child process of this JVM whose command line contains {@code marker}, if any. */
    static java.util.Optional<ProcessHandle> child(String marker) {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).findFirst();
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
