package dev.kilo.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kilo.gateway.catalog.CatalogModel;
import dev.kilo.gateway.catalog.Target;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.usage.Admission;
import dev.kilo.gateway.usage.Cost;
import dev.kilo.gateway.usage.Settlement;
import dev.kilo.gateway.usage.UsageRecord;
import dev.kilo.gateway.usage.UsageTokens;
import dev.kilo.gateway.usage.UsageWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures one request on its way through: first chunk, usage, finish reason, and its end, whichever way it ends
 * (answered, failed, cut, cancelled by the client). It adds {@code usage.cost} to the answer and, exactly once,
 * hands the usage record and the settlement of the request's reservations to the {@link UsageWriter}.
 */
public final class Meter {

    /** Response header set when the cost of the answer cannot be known; its value says why. */
    public static final String COST_UNKNOWN_HEADER = "x-kilo-cost-unknown";

    private final UsageWriter writer;
    private final GatewayCall call;
    private final Target target;
    private final CatalogModel.Pricing pricing;
    private final String costUnknown;
    private final Admission admission;
    private final Instant createdAt;
    private final long started;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile UsageTokens tokens = UsageTokens.NONE;
    private volatile BigDecimal cost;
    private volatile String finishReason;
    private volatile Long firstChunkMs;
    private volatile List<String> fallbacks = List.of();
    private volatile String route;
    private volatile boolean answered;

    Meter(UsageWriter writer, GatewayCall call, Target target, CatalogModel.Pricing pricing, String costUnknown,
            Admission admission, Instant createdAt, long started) {
        this.writer = writer;
        this.call = call;
        this.target = target;
        this.pricing = pricing;
        this.costUnknown = costUnknown;
        this.admission = admission;
        this.createdAt = createdAt;
        this.started = started;
    }

    public Target target() {
        return target;
    }

    /** Response headers about cost and limits. */
    public Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>(admission.headers());
        if (costUnknown != null) {
            headers.put(COST_UNKNOWN_HEADER, costUnknown);
        }
        return headers;
    }

    /** What the router decided, for the usage record. */
    public void route(String reason, List<String> tried) {
        this.route = reason;
        this.fallbacks = tried == null ? List.of() : List.copyOf(tried);
    }

    /** Reads a whole answer's usage, adds its cost, and records the request. */
    public ObjectNode whole(ObjectNode body) {
        answered = true;
        usage(body);
        finishReason = finishReason(body);
        finish(200, null);
        return body;
    }

    /** Reads one streamed chunk (before the caller sees it) and adds the cost to a usage chunk. */
    public void chunk(ObjectNode chunk) {
        if (firstChunkMs == null) {
            firstChunkMs = elapsedMs();
        }
        String reason = finishReason(chunk);
        if (reason != null) {
            finishReason = reason;
        }
        if (chunk.has("usage")) {
            usage(chunk);
        }
    }

    /** The stream ended as it should. */
    public void completed() {
        finish(200, null);
    }

    /**
     * The request failed. Before the first chunk, the caller gets the error's status; after it, the caller already
     * has a 200 and the error in-band.
     */
    public void failed(Throwable failure) {
        String code = failure instanceof GatewayException g && g.code() != null ? g.code() : "upstream_error";
        int status = firstChunkMs != null ? 200 : failure instanceof GatewayException g ? g.status() : 500;
        finish(status, code);
    }

    /** The client went away before the end. */
    public void cancelled() {
        finish(firstChunkMs != null ? 200 : 499, "client_closed");
    }

    private void usage(ObjectNode body) {
        JsonNode usage = body.get("usage");
        if (!(usage instanceof ObjectNode node)) {
            return;
        }
        tokens = UsageTokens.from(node);
        cost = Cost.of(tokens, pricing);
        if (cost == null) {
            node.putNull("cost");
        } else {
            node.put("cost", cost);
        }
    }

    private void finish(int status, String errorCode) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        boolean reported = tokens != UsageTokens.NONE;
        BigDecimal recorded = cost;
        String unknown = recorded == null ? costUnknown : null;
        Settlement settlement;
        if (reported) {
            settlement = admission.settle(recorded, tokens.totalTokens());
        } else if (firstChunkMs == null && !answered) {
            // Failed before the provider produced anything: providers do not charge for that.
            recorded = BigDecimal.ZERO;
            unknown = null;
            settlement = admission.settle(BigDecimal.ZERO, 0);
        } else {
            // Output was produced but the provider reported no usage (a stream cut or abandoned before its usage
            // chunk): what it charges is unknown, so the budget keeps the whole reservation rather than undercount.
            unknown = "the provider reported no usage for this answer";
            settlement = admission.keep();
        }
        UsageRecord record = new UsageRecord(call.requestId(), call.key() == null ? null : call.key().id(),
                createdAt, call.request().endpoint().name().toLowerCase(Locale.ROOT), call.request().model(),
                target.modelId(), target.provider().id(), call.request().stream(), status, errorCode, tokens,
                recorded, unknown, elapsedMs(), call.request().stream() ? firstChunkMs : null, finishReason, route,
                fallbacks, session(call), call.headers().get("x-kilocode-mode"));
        writer.submit(record, settlement);
    }

    private static String session(GatewayCall call) {
        String session = call.headers().get("x-session-id");
        return session != null ? session : call.headers().get("x-kilocode-taskid");
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static String finishReason(JsonNode body) {
        for (JsonNode choice : body.path("choices")) {
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual()) {
                return reason.asText();
            }
        }
        return null;
    }
}
