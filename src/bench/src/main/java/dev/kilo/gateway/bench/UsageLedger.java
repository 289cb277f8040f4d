package dev.kilo.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The gateway's own account of the bench's requests: the bench key's daily totals through {@code GET /v1/usage},
 * which the usage writer fills off the response path. Waiting for that count to settle after each load run keeps
 * one run's write-behind out of the next run's figures, and comparing it with what wrk saw answered proves that
 * no request went unrecorded under load.
 */
final class UsageLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String usageUrl;
    private final Map<String, String> headers;
    private long answered;
    private long slack;
    private double longestSettleSeconds;

    /** A ledger for targets that keep no usage (the mock, the peer): it counts nothing and waits for nothing. */
    static UsageLedger none() {
        return new UsageLedger(null, Map.of());
    }

    UsageLedger(int port, Map<String, String> headers) {
        // From yesterday: a run that crosses midnight UTC still sums every record.
        this("http://127.0.0.1:" + port + "/v1/usage?from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to="
                + LocalDate.now(ZoneOffset.UTC), headers);
    }

    private UsageLedger(String usageUrl, Map<String, String> headers) {
        this.usageUrl = usageUrl;
        this.headers = headers;
    }

    /** Counts a run's answered requests and waits (at most two minutes) until the usage writer has caught up. */
    void afterRun(long succeeded, long uncertain) throws IOException, InterruptedException {
        if (usageUrl == null) {
            return;
        }
        answered(succeeded, uncertain);
        double seconds = settle(Duration.ofSeconds(120));
        Bench.log("usage records caught up " + String.format("%.1f", seconds) + " s after the run");
    }

    /**
     * Counts what a load run got answered: successes must all be recorded; refusals and the requests wrk abandoned
     * when its time was up may be or not, so they widen the accepted range instead.
     */
    private void answered(long succeeded, long uncertain) {
        answered += succeeded;
        slack += uncertain;
    }

    /** Requests whose usage the gateway recorded so far. */
    long recorded() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(usageUrl)).GET();
        headers.forEach(request::header);
        HttpResponse<String> response = Processes.send(request.build());
        if (response.statusCode() != 200) {
            throw new IOException("GET /v1/usage answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode totals = JSON.readTree(response.body()).path("totals");
        return totals.path("requests").asLong();
    }

    /** Waits until the recorded count reaches what was answered and stops growing; returns the seconds waited. */
    private double settle(Duration timeout) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long last = -1;
        int stableReads = 0;
        while (System.nanoTime() < deadline) {
            long now = recorded();
            stableReads = now == last ? stableReads + 1 : 0;
            last = now;
            if (now >= answered && stableReads >= 4) {
                break;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - start) / 1e9 - 1.0; // minus the four stable reads' second
        longestSettleSeconds = Math.max(longestSettleSeconds, Math.max(0, seconds));
        return seconds;
    }

    /** The final account: answered, recorded, the accepted excess, and the longest catch-up after a run. */
    Account account() throws IOException, InterruptedException {
        if (usageUrl == null) {
            return null;
        }
        return new Account(answered, recorded(), slack, Stats.round(longestSettleSeconds, 1));
    }

    record Account(long answered, long recorded, long slack, double longestSettleSeconds) {
        boolean complete() {
            return recorded >= answered && recorded - answered <= slack;
        }
    }
}
