package dev.kilo.gateway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.catalog.CatalogModel.Pricing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CostTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** gpt-5-mini's list prices: $0.25 / $2.00 per million, cached input $0.025. */
    private static final Pricing MINI = new Pricing("0.00000025", "0.000002", "0.000000025", null);

    @Test
    void promptAndCompletionAtTheirPrices() throws Exception {
        UsageTokens tokens = UsageTokens.from(JSON.readTree("{\"prompt_tokens\":1000,\"completion_tokens\":500}"));
        // 1000 × 0.25e-6 + 500 × 2e-6 = 0.00025 + 0.001
        assertEquals(0, new BigDecimal("0.00125").compareTo(Cost.of(tokens, MINI)));
    }

    @Test
    void cachedTokensAtTheCacheReadPriceAndCacheWritesAtThePromptPriceWhenUnpriced() throws Exception {
        UsageTokens tokens = UsageTokens.from(JSON.readTree("""
                {"prompt_tokens":1000,"completion_tokens":0,
                 "prompt_tokens_details":{"cached_tokens":800,"cache_write_tokens":100}}"""));
        assertEquals(800, tokens.cachedTokens());
        // 100 plain × 0.25e-6 + 800 cached × 0.025e-6 + 100 written × 0.25e-6 (no write price) = 0.00007
        assertEquals(0, new BigDecimal("0.00007").compareTo(Cost.of(tokens, MINI)));
    }

    @Test
    void cacheWritesAtTheirOwnPrice() {
        Pricing sonnet = new Pricing("0.000003", "0.000015", "0.0000003", "0.00000375");
        UsageTokens tokens = new UsageTokens(2000, 10, 0, 2000, 0);
        // 2000 × 3.75e-6 + 10 × 15e-6 = 0.0075 + 0.00015
        assertEquals(0, new BigDecimal("0.00765").compareTo(Cost.of(tokens, sonnet)));
    }

    @Test
    void reasoningTokensAreAlreadyInTheCompletionCount() throws Exception {
        UsageTokens tokens = UsageTokens.from(JSON.readTree("""
                {"prompt_tokens":0,"completion_tokens":100,"completion_tokens_details":{"reasoning_tokens":90}}"""));
        assertEquals(90, tokens.reasoningTokens());
        assertEquals(0, new BigDecimal("0.0002").compareTo(Cost.of(tokens, MINI)));
    }

    @Test
    void unknownPricesMakeAnUnknownCostNeverZero() {
        UsageTokens tokens = new UsageTokens(10, 10, 0, 0, 0);
        assertNull(Cost.of(tokens, null));
        assertNull(Cost.of(tokens, new Pricing(null, "0.000002", null, null)));
        assertNull(Cost.of(tokens, new Pricing("n/a", "0.000002", null, null)));
        assertNull(Cost.of(tokens, new Pricing("-1", "0.000002", null, null)));
        assertNotNull(Cost.unknownReason("x/y", null));
        assertNull(Cost.unknownReason("openai/gpt-5-mini", MINI));
    }

    @Test
    void freeModelsCostZero() {
        assertEquals(0, BigDecimal.ZERO.compareTo(Cost.of(new UsageTokens(10, 10, 0, 0, 0),
                new Pricing("0", "0", null, null))));
    }
}
