package dev.kilo.gateway.usage;

import java.math.BigDecimal;

/**
 * How a request's reservations are corrected once its real usage is known: the difference between what it really
 * cost (or used) and what was reserved before the upstream call. Applied in the same transaction as the usage
 * record, so a request is counted exactly once.
 *
 * @param spendWindow the budget window the spend was reserved in, null when the key has no budget
 * @param spendDelta real cost minus the reserved estimate (negative when the estimate was high)
 * @param rateMinute the minute window tokens were reserved in, null when the key has no token limit
 * @param tokenDelta real tokens minus the reserved estimate
 */
public record Settlement(String spendWindow, BigDecimal spendDelta, String rateMinute, long tokenDelta) {

    public static final Settlement NONE = new Settlement(null, BigDecimal.ZERO, null, 0);
}
