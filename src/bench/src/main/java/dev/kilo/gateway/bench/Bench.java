package dev.kilo.gateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.dynamodblocal.DynamoDbLocal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code make bench [PEER=portkey]}: one sitting that measures a fast mock upstream called directly, through our
 * local server (JVM, -Xmx256m, a real key in DynamoDB Local) and, with a peer, through Portkey's gateway pointed at
 * the same mock; then the completions function's cold start through a fake Lambda Runtime API. Prints a table and
 * writes {@code bench/results/latest.json}. Run from the repository root (the Makefile does).
 * <p>
 * Settings (environment): BENCH_SECONDS per load run (10), BENCH_WARMUP_SECONDS (at least 60) and
 * BENCH_WARMUP_MAX_SECONDS (120) of warm-up until requests/s settles, BENCH_STREAMS per target (30),
 * BENCH_GAP_MS between dribbled chunks (20), BENCH_HEAP (256m), BENCH_JVM_OPTS (extra gateway JVM options).
 */
public final class Bench {

    static final String UPSTREAM_KEY = "sk-bench-upstream";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What src/functions/completions/src/main/lambda/bootstrap passes to the JVM unless told otherwise. */
    private static final String BOOTSTRAP_JVM_OPTIONS =
            "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxRAMPercentage=75 -Xshare:auto";

    private final Path root;
    private final Path work;
    private final int seconds = intEnv("BENCH_SECONDS", 10);
    private final int warmup = intEnv("BENCH_WARMUP_SECONDS", 60);
    private final int warmupMax = intEnv("BENCH_WARMUP_MAX_SECONDS", 120);
    private final int streams = intEnv("BENCH_STREAMS", 30);
    private final int gapMs = intEnv("BENCH_GAP_MS", 20);
    private final String heap = System.getenv().getOrDefault("BENCH_HEAP", "256m");
    private final String peer;
    private final List<AutoCloseable> open = new ArrayList<>();

    private Bench(Path root, String peer) throws IOException {
        this.root = root;
        this.peer = peer;
        this.work = root.resolve("src/bench/target/run");
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        String peer = "";
        for (String arg : args) {
            if (arg.startsWith("--mock")) {
                serveMock(arg.startsWith("--mock=") ? Integer.parseInt(arg.substring(7)) : 0);
                return;
            }
            if (arg.startsWith("--peer=")) {
                peer = arg.substring(7);
            }
        }
        if (!peer.isEmpty() && !peer.equals("portkey")) {
            System.err.println("Unknown peer '" + peer + "' (PEER=portkey is the one supported)");
            System.exit(2);
        }
        Bench bench = new Bench(Path.of("").toAbsolutePath(), peer);
        try {
            bench.run();
        } finally {
            bench.closeAll();
        }
        System.exit(0);
    }

    /** {@code --mock[=port]}: only the mock upstream, until killed, for profiling a gateway by hand. */
    private static void serveMock(int port) throws Exception {
        MockUpstream mock = MockUpstream.start(intEnv("BENCH_GAP_MS", 20), port);
        log("mock upstream on " + mock.baseUrl() + " (Ctrl-C to stop)");
        Thread.currentThread().join();
    }

    private void run() throws Exception {
        Wrk.ensureInstalled();
        Wrk wrk = new Wrk(work);
        MockUpstream mock = track(MockUpstream.start(gapMs, 0));
        StreamProbe probe = new StreamProbe(mock);
        log("mock upstream on " + mock.baseUrl());
        DynamoDbLocal dynamo = track(DynamoDbLocal.start(DynamoDbLocal.freePort(), null, Duration.ofSeconds(60)));
        log("DynamoDB Local (in memory) on " + dynamo.endpoint());
        String key = createKey(dynamo);

        Target direct = new Target("direct", mock.port(), Map.of("Authorization", "Bearer " + UPSTREAM_KEY),
                MockUpstream.MODEL);
        measure(direct, wrk, probe, null, null);

        int port = DynamoDbLocal.freePort();
        Target kilo = new Target("kilo", port, Map.of("Authorization", "Bearer " + key),
                "openai/" + MockUpstream.MODEL);
        Path gcLog = work.resolve("kilo-gc.log");
        Files.deleteIfExists(gcLog);
        try (Processes.Started gateway = startGateway(kilo, dynamo, mock, gcLog)) {
            measure(kilo, wrk, probe, gateway, gcLog);
        }

        Target portkey = null;
        if (peer.equals("portkey")) {
            portkey = new Target("portkey", DynamoDbLocal.freePort(), Map.of("Authorization", "Bearer "
                    + UPSTREAM_KEY, "x-portkey-provider", "openai", "x-portkey-custom-host", mock.baseUrl()),
                    MockUpstream.MODEL);
            try (Processes.Started node = startPortkey(portkey)) {
                measure(portkey, wrk, probe, null, null);
            }
        }
        Map<String, Double> lambda = lambdaStarts(dynamo, mock, key);
        Report report = new Report(direct, kilo, portkey, lambda, settings());
        System.out.println();
        System.out.print(report.table());
        Path out = root.resolve("bench/results/latest.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.json()) + "\n");
        System.out.println("Written to " + root.relativize(out) + " (logs in " + root.relativize(work) + ")");
    }

    /** Warm-up, 16 then 1 connection (memory watched when it is a JVM of ours), streamed load, the stream probe. */
    private void measure(Target target, Wrk wrk, StreamProbe probe, Processes.Started process, Path gcLog)
            throws Exception {
        var check = Processes.send(Processes.post(target.url(), target.headers, target.body()));
        if (check.statusCode() != 200 || !check.body().contains("chat.completion")) {
            throw new IOException(target.name + " answered " + check.statusCode() + ": " + check.body());
        }
        // Our gateway's usage records are checked against what wrk saw answered, and each run waits for them.
        UsageLedger ledger = process == null ? UsageLedger.none() : new UsageLedger(target.port, target.headers);
        log(target.name + ": warm-up at 16 connections until requests/s settles (" + warmup + " to " + warmupMax
                + " s)");
        List<Wrk.Load> windows = wrk.warmUp(target.name, target.url(), target.headers, target.body(), 16, warmup,
                warmupMax, 5);
        target.warmupSeconds = windows.size() * 5;
        ledger.afterRun(1 + windows.stream().mapToLong(Wrk.Load::succeeded).sum(),
                windows.stream().mapToLong(Wrk.Load::uncertain).sum());
        log(target.name + ": " + seconds + " s at 16 connections");
        MemoryWatch memory = process == null ? null : new MemoryWatch(process, gcLog);
        long pid = process != null ? process.pid() : -1;
        long dynamoPid = Processes.child("ServerRunner").map(ProcessHandle::pid).orElse(-1L);
        double cpuBefore = Processes.cpuMillis(pid);
        double dynamoBefore = Processes.cpuMillis(dynamoPid);
        target.sixteen = wrk.run(target.name + "-c16", target.url(), target.headers, target.body(), 16, seconds);
        ledger.afterRun(target.sixteen.succeeded(), target.sixteen.uncertain());
        if (memory != null) {
            // Measured after the writer caught up, so the CPU the run's usage records cost is counted in full.
            target.memory = memory.stop();
            target.cpuPerRequest = (Processes.cpuMillis(pid) - cpuBefore) / target.sixteen.requests();
            target.dynamoCpuPerRequest = (Processes.cpuMillis(dynamoPid) - dynamoBefore) / target.sixteen.requests();
        }
        // One connection after sixteen: the JIT has seen the path longest by then, as in a server that has run a
        // while.
        log(target.name + ": " + seconds + " s at 1 connection");
        target.one = wrk.run(target.name + "-c1", target.url(), target.headers, target.body(), 1, seconds);
        ledger.afterRun(target.one.succeeded(), target.one.uncertain());
        log(target.name + ": " + seconds + " s of streamed completions at 16 connections");
        target.streamed = wrk.run(target.name + "-stream-c16", target.url(), target.headers, target.streamBody(), 16,
                seconds);
        ledger.afterRun(target.streamed.succeeded(), target.streamed.uncertain());
        log(target.name + ": " + streams + " dribbled streams, " + MockUpstream.DRIBBLE_CHUNKS + " chunks "
                + gapMs + " ms apart");
        target.stream = probe.run(target.port, Target.PATH, target.headers, target.model, streams);
        ledger.afterRun(target.stream.streams() - target.stream.failed(), target.stream.failed());
        target.usage = ledger.account();
    }

    private String createKey(DynamoDbLocal dynamo) throws IOException, InterruptedException {
        Path cli = root.resolve("src/cli/target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Processes.java(), "-jar", cli.toString(), "create", "bench")
                .redirectErrorStream(true).directory(work.toFile());
        builder.environment().put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("make key failed: " + output);
        }
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        log("created a gateway key in DynamoDB Local with the admin CLI");
        return lines.get(lines.size() - 1).trim();
    }

    private Processes.Started startGateway(Target kilo, DynamoDbLocal dynamo, MockUpstream mock, Path gcLog)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xmx" + heap,
                "-Xlog:gc:file=" + gcLog));
        String extra = System.getenv().getOrDefault("BENCH_JVM_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", root.resolve("src/local/target/quarkus-app/quarkus-run.jar").toString()));
        Map<String, String> env = providerEnv(dynamo, mock);
        env.put("PORT", Integer.toString(kilo.port));
        env.put("GATEWAY_DISCOVERY_INTERVAL", "0");
        Processes.Started gateway = Processes.start("kilo", command, env, work, work);
        kilo.startMs = Processes.untilAnswered(gateway, Processes.post(kilo.url(), kilo.headers, kilo.body()),
                Duration.ofSeconds(60));
        log("local server (" + String.join(" ", command.subList(1, command.size() - 2)) + ") answered its first "
                + "request " + Math.round(kilo.startMs) + " ms after its process started; pid " + gateway.pid());
        return gateway;
    }

    private Processes.Started startPortkey(Target portkey) throws Exception {
        Path peerDir = root.resolve("bench/peer");
        Path server = peerDir.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
        if (!Files.exists(server)) {
            throw new IOException("Portkey is not installed: run npm ci in bench/peer (make bench PEER=portkey does)");
        }
        Map<String, String> env = new HashMap<>();
        env.put("NODE_ENV", "production");
        Processes.Started node = Processes.start("portkey", List.of("node", server.toString(),
                "--port=" + portkey.port, "--headless"), env, peerDir, work);
        portkey.startMs = Processes.untilAnswered(node, Processes.post(portkey.url(), portkey.headers,
                portkey.body()), Duration.ofSeconds(60));
        log("Portkey " + portkeyVersion(peerDir) + " answered its first request " + Math.round(portkey.startMs)
                + " ms after its process started");
        return node;
    }

    private static String portkeyVersion(Path peerDir) {
        try {
            return JSON.readTree(peerDir.resolve("node_modules/@portkey-ai/gateway/package.json").toFile())
                    .path("version").asText();
        } catch (IOException e) {
            return "(version unknown)";
        }
    }

    /**
     * Process start to the first answered invocation of the completions function (JVM zip, the bootstrap's own JVM
     * options) on a fake Runtime API; then the same with an AppCDS archive that a training run wrote at its exit,
     * to show what class-data sharing would give.
     */
    private Map<String, Double> lambdaStarts(DynamoDbLocal dynamo, MockUpstream mock, String key) throws Exception {
        Path dir = work.resolve("lambda");
        unzip(root.resolve("src/functions/completions/target/function.zip"), dir);
        Map<String, Double> starts = new LinkedHashMap<>();
        starts.put("jvm", lambdaStart(dir, dynamo, mock, key, "lambda", ""));
        Path archive = dir.resolve("app-cds.jsa");
        lambdaStart(dir, dynamo, mock, key, "lambda-cds-training", "-XX:ArchiveClassesAtExit=" + archive);
        if (Files.exists(archive)) {
            starts.put("jvm_appcds", lambdaStart(dir, dynamo, mock, key, "lambda-cds",
                    "-XX:SharedArchiveFile=" + archive));
        }
        return starts;
    }

    private double lambdaStart(Path dir, DynamoDbLocal dynamo, MockUpstream mock, String key, String name,
            String jvmOption) throws Exception {
        String body = new Target("lambda", 0, Map.of(), "openai/" + MockUpstream.MODEL).body();
        try (FakeLambdaRuntime runtime = new FakeLambdaRuntime(functionUrlEvent(key, body))) {
            Map<String, String> env = providerEnv(dynamo, mock);
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("LAMBDA_TASK_ROOT", dir.toString());
            env.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            env.put("GATEWAY_INTERNAL_PORT", Integer.toString(DynamoDbLocal.freePort()));
            env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamo.endpoint());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_REGION", "us-east-1");
            env.put("GATEWAY_TABLE_PREFIX", "kilo-gateway-");
            if (!jvmOption.isEmpty()) {
                // The bootstrap's defaults plus one option (JAVA_TOOL_OPTIONS_GATEWAY replaces them all).
                env.put("JAVA_TOOL_OPTIONS_GATEWAY", BOOTSTRAP_JVM_OPTIONS + " " + jvmOption);
            }
            try (Processes.Started function = Processes.start(name, List.of("/bin/sh",
                    dir.resolve("bootstrap").toString()), env, dir, work)) {
                FakeLambdaRuntime.Answer answer = runtime.answer().get(60, TimeUnit.SECONDS);
                if (!answer.body().contains("\"statusCode\":200") || !answer.body().contains("chat.completion")) {
                    throw new IOException("the function answered: " + answer.body());
                }
                double ms = (answer.arrivedNanos() - function.startedNanos()) / 1e6;
                log("completions function (" + name + (jvmOption.isEmpty() ? ", bootstrap defaults" : ", "
                        + jvmOption.replace(dir + "/", "")) + ") answered its first invocation " + Math.round(ms)
                        + " ms after its process started");
                return ms;
            }
        }
    }

    private static String functionUrlEvent(String key, String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", Target.PATH).put("rawQueryString", "");
        event.putObject("headers").put("authorization", "Bearer " + key).put("content-type", "application/json")
                .put("host", "bench.lambda-url.us-east-1.on.aws");
        ObjectNode context = event.putObject("requestContext");
        context.put("requestId", "bench-1").put("domainName", "bench.lambda-url.us-east-1.on.aws");
        context.putObject("http").put("method", "POST").put("path", Target.PATH).put("protocol", "HTTP/1.1")
                .put("sourceIp", "127.0.0.1");
        event.put("body", body).put("isBase64Encoded", false);
        return event.toString();
    }

    private Map<String, String> providerEnv(DynamoDbLocal dynamo, MockUpstream mock) {
        Map<String, String> env = new HashMap<>();
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        env.put("OPENAI_BASE_URL", mock.baseUrl());
        env.put("OPENAI_API_KEY", UPSTREAM_KEY);
        env.put("OPENAI_MODELS", MockUpstream.MODEL);
        return env;
    }

    private static void unzip(Path zip, Path dir) throws IOException {
        if (!Files.exists(zip)) {
            throw new IOException(zip + " is missing: build it with make package");
        }
        try (var old = Files.walk(dir)) {
            old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing to clean
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = dir.resolve(entry.getName()).normalize();
                if (!file.startsWith(dir)) {
                    throw new IOException("zip entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("load_seconds", seconds);
        settings.put("warmup_seconds", warmup);
        settings.put("streams", streams);
        settings.put("chunks_per_stream", MockUpstream.DRIBBLE_CHUNKS);
        settings.put("chunk_gap_ms", gapMs);
        settings.put("gateway_heap", "-Xmx" + heap);
        settings.put("gateway_jvm_opts", System.getenv().getOrDefault("BENCH_JVM_OPTS", ""));
        settings.put("cpus", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        settings.put("load_generator", wrkVersion());
        settings.put("peer", peer.isEmpty() ? null
                : "@portkey-ai/gateway " + portkeyVersion(root.resolve("bench/peer")));
        return settings;
    }

    private static String wrkVersion() {
        try {
            Process process = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            try (InputStream in = process.getInputStream()) {
                String first = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                process.waitFor();
                return first.split(" \\[")[0].trim();
            }
        } catch (IOException | InterruptedException e) {
            return "wrk";
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(0, resource);
        return resource;
    }

    private void closeAll() {
        for (AutoCloseable resource : open) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("closing " + resource + ": " + e);
            }
        }
    }

    static void log(String message) {
        System.out.println("[bench] " + message);
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
