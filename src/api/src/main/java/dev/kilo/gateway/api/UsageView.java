package dev.kilo.gateway.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kilo.gateway.usage.DailyUsage;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /v1/usage}: a key's totals per UTC day and model, and their sum. {@code cost} sums the priced
 * requests; {@code unpriced_requests} counts those whose cost is unknown, so an unknown price never reads as $0.
 */
record UsageView(String object, List<Day> data, Totals totals) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Day(String date, String model, long requests, long promptTokens, long completionTokens, BigDecimal cost,
            long unpricedRequests) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Totals(long requests, long promptTokens, long completionTokens, BigDecimal cost, long unpricedRequests) {
    }

    static UsageView of(List<DailyUsage> days) {
        long requests = 0;
        long prompt = 0;
        long completion = 0;
        long unpriced = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (DailyUsage day : days) {
            requests += day.requests();
            prompt += day.promptTokens();
            completion += day.completionTokens();
            unpriced += day.unpricedRequests();
            cost = cost.add(day.cost());
        }
        List<Day> data = days.stream().map(d -> new Day(d.day(), d.model(), d.requests(), d.promptTokens(),
                d.completionTokens(), d.cost(), d.unpricedRequests())).toList();
        return new UsageView("usage", data, new Totals(requests, prompt, completion, cost, unpriced));
    }
}
