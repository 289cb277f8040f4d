package dev.kilo.gateway.usage;

import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.store.CounterStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds keys to their budgets and rate limits before a request goes upstream. A metered key costs one or two
 * conditional DynamoDB updates per request (blocking: call on a worker thread); an unmetered key costs nothing.
 * The budget is reserved first, so money is never spent on a request the rate limit then refuses.
 */
@ApplicationScoped
public class LimitGuard {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    private final CounterStore counters;

    public LimitGuard(CounterStore counters) {
        this.counters = counters;
    }

    /**
     * Reserves the estimate against the key's limits, or refuses with 402 (budget) or 429 (rate).
     *
     * @param cost the most the request can cost, null when the model's price is unknown
     * @param costUnknown why the price is unknown (for the refusal of a budgeted key), else null
     */
    public Admission admit(ApiKey key, long tokens, BigDecimal cost, String costUnknown, Instant now) {
        KeyLimits limits = key.limits();
        if (!limits.metered()) {
            return Admission.NONE;
        }
        Map<String, String> headers = new HashMap<>();
        String spendWindow = null;
        BigDecimal reserved = BigDecimal.ZERO;
        if (limits.budgetUsd() != null) {
            spendWindow = limits.period().window(now);
            reserved = reserveSpend(key, cost, costUnknown, spendWindow, now, headers);
        }
        if (limits.rpm() == null && limits.tpm() == null) {
            return new Admission(spendWindow, reserved, null, 0, headers);
        }
        Instant minuteStart = now.truncatedTo(ChronoUnit.MINUTES);
        String minute = MINUTE.format(minuteStart);
        Instant reset = minuteStart.plus(Duration.ofMinutes(1));
        CounterStore.Counts counts = counters.reserveRate(key.id(), minute, limits.rpm(), limits.tpm(), tokens,
                reset.plus(Duration.ofMinutes(10)));
        long retryAfter = Math.max(1, Duration.between(now, reset).toSeconds() + 1);
        if (!counts.granted()) {
            if (spendWindow != null) {
                counters.releaseSpend(key.id(), spendWindow, reserved);
            }
            throw rateLimited(limits, counts, tokens, retryAfter);
        }
        if (limits.rpm() != null) {
            headers.put("x-ratelimit-limit-requests", Integer.toString(limits.rpm()));
            headers.put("x-ratelimit-remaining-requests", Long.toString(Math.max(0, limits.rpm() - counts.requests())));
            headers.put("x-ratelimit-reset-requests", retryAfter + "s");
        }
        if (limits.tpm() != null) {
            headers.put("x-ratelimit-limit-tokens", Long.toString(limits.tpm()));
            headers.put("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, limits.tpm() - counts.tokens())));
            headers.put("x-ratelimit-reset-tokens", retryAfter + "s");
        }
        return new Admission(spendWindow, reserved, limits.tpm() == null ? null : minute,
                limits.tpm() == null ? 0 : tokens, headers);
    }

    private BigDecimal reserveSpend(ApiKey key, BigDecimal cost, String costUnknown, String window, Instant now,
            Map<String, String> headers) {
        KeyLimits limits = key.limits();
        if (cost == null) {
            throw new GatewayException(402, ErrorTypes.INSUFFICIENT_QUOTA, "price_unknown", "model",
                    "This key has a budget, and the cost of this model cannot be known (" + costUnknown
                            + "), so it cannot be charged to the budget. Use a priced model or a key without a "
                            + "budget.");
        }
        Instant resets = limits.period().resetsAt(now);
        CounterStore.Spend spend = counters.reserveSpend(key.id(), window, limits.budgetUsd(), cost,
                resets == null ? null : resets.plus(Duration.ofDays(35)));
        if (!spend.granted()) {
            Map<String, String> retry = resets == null ? Map.of()
                    : Map.of("retry-after", Long.toString(Math.max(1, Duration.between(now, resets).toSeconds())));
            throw new GatewayException(402, ErrorTypes.INSUFFICIENT_QUOTA, "budget_exceeded", null,
                    "This key has spent $" + spend.spent().toPlainString() + " of its $"
                            + limits.budgetUsd().toPlainString() + " " + describe(limits) + " budget, and this "
                            + "request could cost up to $" + cost.toPlainString()
                            + (resets == null ? "." : "; the budget resets at " + resets + "."), retry);
        }
        headers.put("x-kilo-budget-remaining",
                limits.budgetUsd().subtract(spend.spent()).max(BigDecimal.ZERO).toPlainString());
        return cost;
    }

    private static GatewayException rateLimited(KeyLimits limits, CounterStore.Counts counts, long tokens,
            long retryAfter) {
        boolean requests = limits.rpm() != null && counts.requests() >= limits.rpm();
        if (!requests && limits.tpm() != null && tokens > limits.tpm()) {
            return new GatewayException(429, ErrorTypes.RATE_LIMIT, "request_too_large", "max_tokens",
                    "Request too large: it may need up to " + tokens + " tokens (prompt and max_tokens), more than "
                            + "this key's " + limits.tpm() + " tokens per minute. Lower max_tokens or shorten the "
                            + "prompt.");
        }
        String message = requests
                ? "Rate limit reached: this key may make " + limits.rpm() + " requests per minute."
                : "Rate limit reached: this key may use " + limits.tpm() + " tokens per minute, " + counts.tokens()
                        + " are used in this minute and this request may need up to " + tokens + ".";
        return new GatewayException(429, ErrorTypes.RATE_LIMIT, "rate_limit_exceeded", null,
                message + " Retry after " + retryAfter + " s.", Map.of("retry-after", Long.toString(retryAfter)));
    }

    private static String describe(KeyLimits limits) {
        return switch (limits.period()) {
            case TOTAL -> "lifetime";
            case DAY -> "daily";
            case WEEK -> "weekly";
            case MONTH -> "monthly";
        };
    }
}
