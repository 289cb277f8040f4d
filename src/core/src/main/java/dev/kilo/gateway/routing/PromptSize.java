package dev.kilo.gateway.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompt's size in tokens, as cheap as the decision allows. Short texts (instructions, chat turns, tool calls)
 * are counted exactly with {@link TokenCounter}; long ones (files read back, logs, pasted code) are estimated with
 * {@link TokenEstimate} (unless an earlier request had them counted: agents resend their conversation) and counted
 * only when the router asks ({@link #countExactly}): when a model's context
 * window lies between the smallest and largest sizes the estimate allows, or a per-request price cap needs the
 * cost. Elsewhere every model fits, or does not, whatever the exact count, so the decision is the one exact
 * counting would give.
 * <p>
 * One per request, filled by {@link SignalExtractor}, read (and maybe counted) by {@link Router} on the same
 * request: not shared between threads.
 */
public final class PromptSize {

    /** Texts longer than this are estimated first: counting them is what made reading a request slow. */
    static final int ESTIMATED_FROM_CHARS = 2_048;

    private int counted;
    private int estimated;
    private final List<String> estimatedTexts = new ArrayList<>(2);
    private int exactOfEstimated = -1;

    /** Adds a text of the prompt: a count or estimate from an earlier request, else a new estimate. */
    void add(String text) {
        if (text == null || text.length() <= ESTIMATED_FROM_CHARS) {
            counted += TokenCounter.count(text);
            return;
        }
        int known = TokenCounter.known(text);
        if (known >= 0) {
            counted += known;
            return;
        }
        int estimate = known != TokenCounter.UNKNOWN ? ~known : TokenEstimate.of(text);
        if (estimate < 0) {
            counted += TokenCounter.count(text);
            return;
        }
        if (known == TokenCounter.UNKNOWN) {
            TokenCounter.rememberEstimate(text, estimate);
        }
        estimated += estimate;
        estimatedTexts.add(text);
    }

    /** Adds tokens known without counting (message framing, images). */
    void add(int tokens) {
        counted += tokens;
    }

    /** The best figure available: exact once counted, else exact short texts plus estimated long ones. */
    public int tokens() {
        return counted + (exactOfEstimated >= 0 ? exactOfEstimated : estimated);
    }

    /** Whether part of {@link #tokens} is still an estimate. */
    public boolean estimated() {
        return !estimatedTexts.isEmpty() && exactOfEstimated < 0;
    }

    /** The fewest tokens the prompt can have, given the estimate's error. */
    int low() {
        return estimated() ? counted + (int) Math.floor(estimated / (1 + TokenEstimate.ERROR)) : tokens();
    }

    /** The most tokens the prompt can have, given the estimate's error. */
    int high() {
        return estimated() ? counted + (int) Math.ceil(estimated / (1 - TokenEstimate.ERROR)) : tokens();
    }

    /** Counts the estimated texts with the tokenizer (their counts are cached by content, like short texts'). */
    void countExactly() {
        if (!estimated()) {
            return;
        }
        int exact = 0;
        for (String text : estimatedTexts) {
            exact += TokenCounter.count(text);
        }
        exactOfEstimated = exact;
    }
}
