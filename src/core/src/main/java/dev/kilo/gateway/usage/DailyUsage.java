package dev.kilo.gateway.usage;

import java.math.BigDecimal;

/**
 * A key's totals for one UTC day and one serving model.
 *
 * @param cost USD of the priced requests
 * @param unpricedRequests requests whose cost is unknown (not included in {@code cost})
 */
public record DailyUsage(String day, String model, long requests, long promptTokens, long completionTokens,
        BigDecimal cost, long unpricedRequests) {
}
