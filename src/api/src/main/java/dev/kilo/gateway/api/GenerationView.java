package dev.kilo.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kilo.gateway.usage.UsageRecord;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/generation}: OpenRouter's generation lookup shape where its fields fit (tokens, cost, latency in
 * ms, finish reason), and ours beside them (requested model, route, fallbacks, status). {@code total_cost} is
 * {@code null} when the price is unknown, and {@code cost_unknown} says why.
 */
record GenerationView(Data data) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Data(String id, String createdAt, String model, String requestedModel, String providerName, String keyId,
            String endpoint, boolean streamed, boolean cancelled, int status, String errorCode,
            BigDecimal totalCost, String costUnknown, long tokensPrompt, long tokensCompletion,
            long nativeTokensPrompt, long nativeTokensCompletion, long nativeTokensReasoning,
            long nativeTokensCached, long nativeTokensCacheWrite, long latency, Long firstTokenLatency,
            String finishReason, String route, List<String> fallbacks, String session, String mode) {
    }

    static GenerationView of(UsageRecord r) {
        var t = r.tokens();
        return new GenerationView(new Data(r.requestId(), r.createdAt().toString(), r.model(), r.requestedModel(),
                r.provider(), r.keyId(), r.endpoint(), r.streamed(), "client_closed".equals(r.errorCode()),
                r.status(), r.errorCode(), r.cost(), r.costUnknown(), t.promptTokens(), t.completionTokens(),
                t.promptTokens(), t.completionTokens(), t.reasoningTokens(), t.cachedTokens(), t.cacheWriteTokens(),
                r.latencyMs(), r.firstTokenMs(), r.finishReason(), r.route(), r.fallbacks(), r.session(), r.mode()));
    }
}
