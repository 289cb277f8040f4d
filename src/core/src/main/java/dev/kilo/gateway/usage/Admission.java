package dev.kilo.gateway.usage;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What a request reserved against its key's limits before going upstream, settled once its real usage is known.
 *
 * @param spendWindow the budget window holding the spend reservation, null when the key has no budget
 * @param reservedCost the estimated cost reserved
 * @param rateMinute the minute window holding the token reservation, null when the key has no token limit
 * @param reservedTokens the estimated tokens reserved
 * @param headers limit headers for the response ({@code x-ratelimit-*}, budget remaining)
 */
public record Admission(String spendWindow, BigDecimal reservedCost, String rateMinute, long reservedTokens,
        Map<String, String> headers) {

    /** A request on a key without limits: nothing reserved, nothing to settle. */
    public static final Admission NONE = new Admission(null, BigDecimal.ZERO, null, 0, Map.of());

    /** Keeps every reservation as it is: the request is charged its estimate. */
    public Settlement keep() {
        return new Settlement(spendWindow, BigDecimal.ZERO, rateMinute, 0);
    }

    /** The correction that replaces the reservations by what the request really cost and used. */
    public Settlement settle(BigDecimal cost, long tokens) {
        BigDecimal real = cost == null ? BigDecimal.ZERO : cost;
        return new Settlement(spendWindow, spendWindow == null ? BigDecimal.ZERO : real.subtract(reservedCost),
                rateMinute, rateMinute == null ? 0 : tokens - reservedTokens);
    }
}
