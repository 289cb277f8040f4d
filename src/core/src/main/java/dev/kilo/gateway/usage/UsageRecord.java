package dev.kilo.gateway.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What one request used and cost, as stored in the usage table and returned by {@code GET /v1/generation}.
 *
 * @param requestId our request id ({@code x-request-id})
 * @param requestedModel the model the caller asked for ({@code kilo/auto} when routed)
 * @param model the model that served it, {@code provider/model}
 * @param status the HTTP status the caller got (200 also for a stream that later failed in-band; see errorCode)
 * @param errorCode why the request failed, null when it did not
 * @param cost USD at catalog prices, null when unknown (then {@code costUnknown} says why)
 * @param latencyMs from the request reaching the service to the last byte of the answer
 * @param firstTokenMs from the request reaching the service to the first streamed chunk; null when not streamed
 * @param route why this model served it (automatic ids), null for a named model
 * @param fallbacks models tried and failed before {@code model}, in order
 * @param session the client's conversation ({@code x-session-id}, else Kilo Code's {@code x-kilocode-taskid})
 * @param mode the client's mode for the request ({@code x-kilocode-mode}: code, architect, title...)
 */
public record UsageRecord(String requestId, String keyId, Instant createdAt, String endpoint, String requestedModel,
        String model, String provider, boolean streamed, int status, String errorCode, UsageTokens tokens,
        BigDecimal cost, String costUnknown, long latencyMs, Long firstTokenMs, String finishReason, String route,
        List<String> fallbacks, String session, String mode) {

    public UsageRecord {
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        tokens = tokens == null ? UsageTokens.NONE : tokens;
    }
}
