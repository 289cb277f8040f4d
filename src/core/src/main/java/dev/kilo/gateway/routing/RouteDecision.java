package dev.kilo.gateway.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Which model serves a request and why: what {@code POST /v1/route} answers, what the route headers summarise and
 * what the decision record stores.
 *
 * @param requestedModel the automatic id asked for ({@code kilo/auto}, {@code kilo-auto/efficient}, ...)
 * @param decidedBy the signal that set the task class, in plain words
 * @param chosen the model to try first, {@code provider/model}
 * @param fallbacks the models to try next, in order, on 429, 5xx, timeout or connection failure before the first
 *     byte
 * @param estimatedCostUsd prompt tokens and expected output at the chosen model's prices; null when its price is
 *     unknown
 * @param expectedOutputTokens {@code max_tokens} if set, else the class's typical answer length
 * @param reasons the decision in plain words, most important first
 * @param sticky whether the chosen model was kept from earlier in the same conversation
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RouteDecision(String requestedModel, String profile, String taskClass, String decidedBy, Needs needs,
        String chosen, List<String> fallbacks, Double estimatedCostUsd, int promptTokens, int expectedOutputTokens,
        List<String> reasons, long policyVersion, boolean sticky, Double costQualityTradeoff) {

    /** Longest header value we send: proxies commonly cap a header line at 4-8 KB. */
    static final int HEADER_LIMIT = 200;

    /** The candidates in the order they are tried. */
    public List<String> candidates() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(chosen), fallbacks.stream()).toList();
    }

    /** One line for the {@code x-kilo-route-reason} header: printable ASCII, short. */
    public String shortReason() {
        String line = taskClass + " (" + decidedBy + "); " + profile + (sticky ? "; kept for the session" : "")
                + (needs.mask() != 0 ? "; needs " + needs.capabilityWords() : "");
        StringBuilder ascii = new StringBuilder(line.length());
        for (char c : line.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return ascii.length() <= HEADER_LIMIT ? ascii.toString() : ascii.substring(0, HEADER_LIMIT - 3) + "...";
    }
}
