package dev.kilo.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyLimitsTest {

    @Test
    void wildcardsMatchAnyRunIncludingSlashesCaseInsensitively() {
        assertTrue(ModelPattern.matches("openai/*", "openai/gpt-5-mini"));
        assertTrue(ModelPattern.matches("*mini*", "openai/gpt-5-mini"));
        assertTrue(ModelPattern.matches("*", "anthropic/claude-sonnet-4-5"));
        assertTrue(ModelPattern.matches("OpenAI/GPT-5", "openai/gpt-5"));
        assertTrue(ModelPattern.matches("*/claude-*-4-5", "anthropic/claude-sonnet-4-5"));
        assertFalse(ModelPattern.matches("openai/*", "openrouter/openai/gpt-5"));
        assertFalse(ModelPattern.matches("openai/gpt-5", "openai/gpt-5-mini"));
        assertFalse(ModelPattern.matches("*-mini", "openai/gpt-5"));
    }

    @Test
    void denyWinsOverAllowAndAnEmptyAllowListAllowsAll() {
        KeyLimits limits = new KeyLimits(null, null, null, null, List.of("openai/*"), List.of("*gpt-5"), null);
        assertTrue(limits.allows("openai/gpt-5-mini"));
        assertFalse(limits.allows("openai/gpt-5"));
        assertFalse(limits.allows("anthropic/claude-sonnet-4-5"));
        assertTrue(KeyLimits.NONE.allows("anything/at-all"));
    }

    @Test
    void onlyBudgetsAndRateLimitsAreMetered() {
        assertFalse(KeyLimits.NONE.metered());
        assertFalse(new KeyLimits(null, null, null, null, List.of("a/*"), null, null).metered());
        assertTrue(new KeyLimits(BigDecimal.ONE, null, null, null, null, null, null).metered());
        assertTrue(new KeyLimits(null, null, 10, null, null, null, null).metered());
        assertTrue(new KeyLimits(null, null, null, 1000L, null, null, null).metered());
    }

    @Test
    void budgetWindowsAreCalendarPeriodsInUtc() {
        Instant at = Instant.parse("2026-11-24T23:59:59Z");
        assertEquals("total", BudgetPeriod.TOTAL.window(at));
        assertEquals("day#2026-11-24", BudgetPeriod.DAY.window(at));
        assertEquals("week#2026-W48", BudgetPeriod.WEEK.window(at));
        assertEquals("month#2026-11", BudgetPeriod.MONTH.window(at));
        assertEquals("day#2026-11-25", BudgetPeriod.DAY.window(at.plusSeconds(1)));
        assertNull(BudgetPeriod.TOTAL.resetsAt(at));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), BudgetPeriod.DAY.resetsAt(at));
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), BudgetPeriod.WEEK.resetsAt(at));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), BudgetPeriod.MONTH.resetsAt(at));
    }
}
