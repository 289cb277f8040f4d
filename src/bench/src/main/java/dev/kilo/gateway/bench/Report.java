package dev.kilo.gateway.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The table make bench prints, the same figures as JSON, and the targets checked against them. */
final class Report {

    record Check(String target, boolean met, String measured) {
    }

    private final Target direct;
    private final Target kilo;
    private final Target peer;
    private final Map<String, Double> lambda;
    private final Map<String, Object> settings;
    private final List<Target> columns = new ArrayList<>();

    Report(Target direct, Target kilo, Target peer, Map<String, Double> lambda, Map<String, Object> settings) {
        this.direct = direct;
        this.kilo = kilo;
        this.peer = peer;
        this.lambda = lambda;
        this.settings = settings;
        columns.add(direct);
        columns.add(kilo);
        if (peer != null) {
            columns.add(peer);
        }
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Gateway benchmark, %s CPUs, %s, %s s per load run (%s)%n",
                settings.get("cpus"), settings.get("java"), settings.get("load_seconds"),
                settings.get("load_generator")));
        out.append(String.format("%-40s", ""));
        columns.forEach(c -> out.append(String.format("%12s", c.name)));
        out.append('\n');
        row(out, "1 conn: p50 (ms)", t -> f(t.one.p50(), 3));
        row(out, "1 conn: p99 (ms)", t -> f(t.one.p99(), 3));
        row(out, "1 conn: requests/s", t -> f(t.one.rps(), 0));
        row(out, "1 conn: added p50 vs direct (ms)", t -> t == direct ? "-" : f(t.added(t.one, direct.one), 3));
        row(out, "16 conn: p50 (ms)", t -> f(t.sixteen.p50(), 3));
        row(out, "16 conn: p99 (ms)", t -> f(t.sixteen.p99(), 3));
        row(out, "16 conn: requests/s", t -> f(t.sixteen.rps(), 0));
        row(out, "16 conn, streamed: requests/s", t -> f(t.streamed.rps(), 0));
        row(out, "16 conn, streamed: p99 (ms)", t -> f(t.streamed.p99(), 3));
        row(out, "failed requests (all load runs)", t -> Long.toString(failed(t)));
        row(out, "stream: first chunk p50 (ms)", t -> f(t.stream.firstP50(), 3));
        row(out, "stream: first chunk p99 (ms)", t -> f(t.stream.firstP99(), 3));
        row(out, "stream: first-chunk overhead p50 (ms)",
                t -> t == direct ? "-" : f(t.stream.firstP50() - direct.stream.firstP50(), 3));
        row(out, "stream: per-chunk p50 (ms)", t -> f(t.stream.chunkP50(), 3));
        row(out, "stream: chunks held back / missing", t -> t.stream.heldBack() + " / " + t.stream.missing());
        row(out, "16 conn: RSS max (MiB)", t -> t.memory == null ? "-" : f(t.memory.rssMaxMiB(), 0));
        row(out, "16 conn: heap max used / live (MiB)", t -> t.memory == null ? "-"
                : f(t.memory.heapBeforeMaxMiB(), 0) + " / " + f(t.memory.heapAfterMaxMiB(), 0));
        row(out, "16 conn: CPU/request, it / DynamoDB (ms)", t -> t.cpuPerRequest == null ? "-"
                : f(t.cpuPerRequest, 2) + " / " + f(t.dynamoCpuPerRequest, 2));
        row(out, "16 conn: GCs, total pause (ms)", t -> t.memory == null ? "-"
                : t.memory.gcs() + ", " + f(t.memory.gcPauseTotalMs(), 0));
        row(out, "warm-up until requests/s settled (s)", t -> Integer.toString(t.warmupSeconds));
        row(out, "successful requests (whole run)", t -> t.usage == null ? "-" : Long.toString(t.usage.answered()));
        row(out, "usage records written", t -> t.usage == null ? "-" : Long.toString(t.usage.recorded()));
        row(out, "usage records caught up, longest (s)", t -> t.usage == null ? "-"
                : f(t.usage.longestSettleSeconds(), 1));
        row(out, "start to first answer (ms)", t -> t.startMs == null ? "-" : f(t.startMs, 0));
        out.append(String.format("%-40s%12s%n", "Lambda (JVM) init to first answer (ms)",
                lambda.containsKey("jvm") ? f(lambda.get("jvm"), 0) : "-"));
        out.append(String.format("%-40s%12s%n", "  the same with an AppCDS archive (ms)",
                lambda.containsKey("jvm_appcds") ? f(lambda.get("jvm_appcds"), 0) : "-"));
        out.append(String.format("%-40s%12s%n", "Lambda (native)", "n/a: no GraalVM here"));
        out.append("\nTargets (issue 8):\n");
        for (Check check : checks()) {
            out.append(String.format("  [%s] %-62s %s%n", check.met() ? "met " : "MISS", check.target(),
                    check.measured()));
        }
        return out.toString();
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        double added = kilo.added(kilo.one, direct.one);
        checks.add(new Check("added latency, 1 conn, p50 <= 0.3 ms", added <= 0.3, f(added, 3) + " ms"));
        if (peer != null) {
            double peerAdded = peer.added(peer.one, direct.one);
            checks.add(new Check("added latency <= 1/3 of Portkey's", added <= peerAdded / 3,
                    f(added, 3) + " vs " + f(peerAdded, 3) + " ms (" + f(peerAdded / added, 1) + "x less)"));
            double ratio = kilo.sixteen.rps() / peer.sixteen.rps();
            checks.add(new Check("16 conn throughput >= 5x Portkey's", ratio >= 5,
                    f(kilo.sixteen.rps(), 0) + " vs " + f(peer.sixteen.rps(), 0) + " req/s (" + f(ratio, 1) + "x)"));
        }
        checks.add(new Check("16 conn p99 <= 10 ms", kilo.sixteen.p99() <= 10, f(kilo.sixteen.p99(), 2) + " ms"));
        double overhead = kilo.stream.firstP50() - direct.stream.firstP50();
        checks.add(new Check("stream first-chunk overhead p50 < 1 ms", overhead < 1, f(overhead, 3) + " ms"));
        checks.add(new Check("zero chunks held back", kilo.stream.heldBack() == 0 && kilo.stream.missing() == 0,
                kilo.stream.heldBack() + " held back, " + kilo.stream.missing() + " missing of "
                        + (kilo.stream.chunks() + kilo.stream.missing())));
        long failed = failed(kilo) + kilo.stream.failed();
        checks.add(new Check("no failed request", failed == 0, failed + " failed of "
                + (kilo.one.requests() + kilo.sixteen.requests() + kilo.streamed.requests() + kilo.stream.streams())));
        if (kilo.usage != null) {
            UsageLedger.Account usage = kilo.usage;
            checks.add(new Check("every successful request has its usage record", usage.complete(),
                    usage.recorded() + " records for " + usage.answered() + " successes (up to " + usage.slack()
                            + " more: refusals, and requests wrk abandoned at the end of its runs)"));
        }
        if (kilo.memory != null) {
            checks.add(new Check("heap bounded (" + settings.get("gateway_heap") + ")",
                    kilo.memory.heapCommittedMaxMiB() <= 256,
                    "committed max " + f(kilo.memory.heapCommittedMaxMiB(), 0) + " MiB, RSS max "
                            + f(kilo.memory.rssMaxMiB(), 0) + " MiB"));
        }
        Double lambdaMs = lambda.get("jvm");
        if (lambdaMs != null) {
            checks.add(new Check("JVM Lambda init to first answer <= 1.5 s", lambdaMs <= 1500,
                    f(lambdaMs, 0) + " ms" + (lambda.containsKey("jvm_appcds")
                            ? " (" + f(lambda.get("jvm_appcds"), 0) + " ms with AppCDS)" : "")));
        }
        return checks;
    }

    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", Instant.now().toString());
        root.put("settings", settings);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Target t : columns) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("c1", t.one);
            figures.put("c16", t.sixteen);
            figures.put("c16_streamed", t.streamed);
            if (t != direct) {
                figures.put("added_p50_ms_c1", Stats.round(t.added(t.one, direct.one), 3));
                figures.put("stream_first_chunk_overhead_p50_ms",
                        Stats.round(t.stream.firstP50() - direct.stream.firstP50(), 3));
            }
            figures.put("stream", t.stream);
            figures.put("memory_c16", t.memory);
            figures.put("cpu_ms_per_request_c16", t.cpuPerRequest == null ? null : Stats.round(t.cpuPerRequest, 3));
            figures.put("dynamodb_local_cpu_ms_per_request_c16",
                    t.dynamoCpuPerRequest == null ? null : Stats.round(t.dynamoCpuPerRequest, 3));
            figures.put("warmup_seconds", t.warmupSeconds);
            figures.put("usage", t.usage);
            figures.put("start_to_first_answer_ms", t.startMs == null ? null : Stats.round(t.startMs, 0));
            targets.put(t.name, figures);
        }
        root.put("targets", targets);
        Map<String, Object> starts = new LinkedHashMap<>();
        lambda.forEach((variant, ms) -> starts.put(variant, Stats.round(ms, 0)));
        root.put("lambda_init_to_first_answer_ms", starts);
        root.put("checks", checks());
        return root;
    }

    private static long failed(Target t) {
        return t.one.errors() + t.sixteen.errors() + t.streamed.errors();
    }

    private void row(StringBuilder out, String label, Function<Target, String> value) {
        out.append(String.format("%-40s", label));
        columns.forEach(c -> out.append(String.format("%12s", value.apply(c))));
        out.append('\n');
    }

    private static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
