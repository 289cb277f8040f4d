package dev.kilo.gateway.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One routable model as the compiled policy holds it: what the hard constraints check, what the cost estimate
 * needs, and its prior scores.
 *
 * @param capabilities bit set of {@link Needs#TOOLS}, {@link Needs#VISION}, {@link Needs#JSON_SCHEMA},
 *     {@link Needs#REASONING}; a capability the catalog does not state is absent
 * @param contextLength tokens, 0 when unknown
 * @param maxOutput most output tokens, 0 when unknown
 * @param promptPrice USD per million prompt tokens, null when unknown
 * @param completionPrice USD per million completion tokens, null when unknown
 * @param degraded its provider's last discovery failed: ranked after healthy providers' models
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyModel(String id, String provider, int capabilities, int contextLength, int maxOutput,
        Double promptPrice, Double completionPrice, double coding, double reasoning, String speed, boolean rated,
        boolean degraded) {

    public boolean priced() {
        return promptPrice != null && completionPrice != null;
    }

    public boolean free() {
        return priced() && promptPrice == 0 && completionPrice == 0;
    }

    /** USD for a request of this size, or NaN when the price is unknown. */
    public double cost(long promptTokens, long outputTokens) {
        if (!priced()) {
            return Double.NaN;
        }
        return (promptTokens * promptPrice + outputTokens * completionPrice) / 1_000_000.0;
    }

    public double quality(TaskClass taskClass) {
        return taskClass.quality(coding, reasoning);
    }
}
