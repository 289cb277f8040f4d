package dev.kilo.gateway.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a key may do: its spend budget, rate limits, which models it may use and its defaults for {@code kilo/auto}.
 * Every field is optional; an absent one means "no limit". No role is exempt: an admin key with a budget is held to
 * it like any other.
 *
 * @param budgetUsd most the key may spend per {@code budgetPeriod}, in USD
 * @param budgetPeriod when the spend starts again from zero; {@code total} never resets
 * @param rpm requests per minute
 * @param tpm tokens (prompt and completion) per minute
 * @param allowedModels model ids or wildcards ({@code openai/*}, {@code *mini*}) the key may use; empty allows all
 * @param deniedModels model ids or wildcards the key may not use, even when also allowed
 * @param routing default routing controls for automatic model ids (profile, max_price, cost_quality_tradeoff...)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyLimits(BigDecimal budgetUsd, BudgetPeriod budgetPeriod, Integer rpm, Long tpm,
        List<String> allowedModels, List<String> deniedModels, ObjectNode routing) {

    public static final KeyLimits NONE = new KeyLimits(null, null, null, null, List.of(), List.of(), null);

    public KeyLimits {
        allowedModels = allowedModels == null ? List.of() : List.copyOf(allowedModels);
        deniedModels = deniedModels == null ? List.of() : List.copyOf(deniedModels);
    }

    /** The period of the budget; a budget without one is a lifetime budget. */
    public BudgetPeriod period() {
        return budgetPeriod == null ? BudgetPeriod.TOTAL : budgetPeriod;
    }

    /** Whether requests on this key need a counter update before they go upstream. */
    @JsonIgnore
    public boolean metered() {
        return budgetUsd != null || rpm != null || tpm != null;
    }

    /** Whether the key may use this model: not denied, and allowed when there is an allow-list. */
    public boolean allows(String modelId) {
        for (String pattern : deniedModels) {
            if (ModelPattern.matches(pattern, modelId)) {
                return false;
            }
        }
        if (allowedModels.isEmpty()) {
            return true;
        }
        for (String pattern : allowedModels) {
            if (ModelPattern.matches(pattern, modelId)) {
                return true;
            }
        }
        return false;
    }
}
