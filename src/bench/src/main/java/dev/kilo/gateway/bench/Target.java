package dev.kilo.gateway.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something the load is sent to: the mock directly, our gateway, or the peer; each with the headers and model name
 * it needs to reach the same mock. Figures are collected into {@code results} as the run goes.
 */
final class Target {

    static final String PATH = "/v1/chat/completions";

    final String name;
    final int port;
    final Map<String, String> headers;
    final String model;
    final Map<String, Object> results = new LinkedHashMap<>();
    Wrk.Load one;
    Wrk.Load sixteen;
    Wrk.Load streamed;
    StreamProbe.Result stream;
    MemoryWatch.Memory memory;
    /** CPU per request during the 16-connection run (ms): this target's process, and DynamoDB Local's. */
    Double cpuPerRequest;
    Double dynamoCpuPerRequest;
    Double startMs;
    /** Seconds of warm-up it took for requests/s to settle. */
    int warmupSeconds;
    /** Our gateway's usage records against what the load saw answered; null for targets that keep none. */
    UsageLedger.Account usage;

    Target(String name, int port, Map<String, String> headers, String model) {
        this.name = name;
        this.port = port;
        this.headers = headers;
        this.model = model;
    }

    String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    /** A typical coding-agent turn: a system prompt, a file excerpt and a question (about 1 KB). */
    String body() {
        return body(false);
    }

    /** The same turn with {@code "stream":true}; the mock answers it with all its chunks at once. */
    String streamBody() {
        return body(true);
    }

    private String body(boolean stream) {
        return "{\"model\":\"" + model + "\"," + (stream ? "\"stream\":true," : "")
                + "\"temperature\":0.2,\"max_tokens\":512,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are a coding agent. Answer with a minimal patch and one "
                + "sentence of explanation. Keep the project's style; never invent APIs.\"},"
                + "{\"role\":\"user\",\"content\":\"In src/util/range.py:\\n\\ndef window(xs, n):\\n    out = []\\n"
                + "    for i in range(len(xs) - n):\\n        out.append(xs[i:i + n])\\n    return out\\n\\n"
                + "window([1, 2, 3], 3) returns [] but should return [[1, 2, 3]]. The tests in "
                + "tests/test_range.py cover n=1 and n=2 only. What is wrong, and what is the smallest fix? "
                + "Please also suggest one more test case for the edge where n equals len(xs).\"}]}";
    }

    double added(Wrk.Load mine, Wrk.Load direct) {
        return mine.p50() - direct.p50();
    }
}
