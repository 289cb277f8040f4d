package dev.kilo.gateway.usage;

import dev.kilo.gateway.catalog.CatalogModel.Pricing;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What tokens cost at catalog prices (USD per token, as decimal strings). Pure. A price the catalog does not know
 * makes the cost unknown ({@code null}), never 0: an unpriced model must not look free.
 */
public final class Cost {

    /** Costs are kept to a billionth of a dollar: far below a token's price, so rounding never shows. */
    public static final int SCALE = 9;

    private Cost() {
    }

    /** Why a model's cost cannot be computed, or null when its prices are known. */
    public static String unknownReason(String modelId, Pricing pricing) {
        if (pricing == null || price(pricing.prompt()) == null || price(pricing.completion()) == null) {
            return "no price for " + modelId + " in the catalog";
        }
        return null;
    }

    /**
     * The cost of {@code tokens}, or null when a price it needs is unknown. Cached reads and cache writes are
     * charged at their own prices where the catalog has them, else at the prompt price (what providers without a
     * cache discount charge).
     */
    public static BigDecimal of(UsageTokens tokens, Pricing pricing) {
        if (pricing == null) {
            return null;
        }
        BigDecimal prompt = price(pricing.prompt());
        BigDecimal completion = price(pricing.completion());
        if (prompt == null || completion == null) {
            return null;
        }
        BigDecimal cacheRead = orElse(price(pricing.inputCacheRead()), prompt);
        BigDecimal cacheWrite = orElse(price(pricing.inputCacheWrite()), prompt);
        long cached = Math.min(tokens.cachedTokens(), tokens.promptTokens());
        long written = Math.min(tokens.cacheWriteTokens(), tokens.promptTokens() - cached);
        long plain = tokens.promptTokens() - cached - written;
        return prompt.multiply(BigDecimal.valueOf(plain))
                .add(cacheRead.multiply(BigDecimal.valueOf(cached)))
                .add(cacheWrite.multiply(BigDecimal.valueOf(written)))
                .add(completion.multiply(BigDecimal.valueOf(tokens.completionTokens())))
                .setScale(SCALE, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    /** The most {@code promptTokens} in and {@code outputTokens} out can cost, or null when unpriced. */
    public static BigDecimal atMost(long promptTokens, long outputTokens, Pricing pricing) {
        return of(new UsageTokens(promptTokens, outputTokens, 0, 0, 0), pricing);
    }

    static BigDecimal price(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip());
            return value.signum() < 0 ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }
}
