package dev.kilo.gateway.routing;

import java.util.Locale;

/**
 * What a request asks for, as far as choosing a model goes. Each class carries how much coding and reasoning
 * strength it draws on, the quality a model must reach to be trusted with it ({@link #bar}), and a typical answer
 * length for cost estimates. The weights and bars are judgement, written down here so they can be argued with; the
 * offline evaluation ({@code make route-eval}) shows what changing them does. Arguments: coding weight, reasoning
 * weight, bar, typical prompt and answer tokens (for cost), and the balanced profile's price weight.
 */
public enum TaskClass {

    /** Session titles, summaries, commit messages: every model does these; the cheapest fast one is right. */
    TITLE(0.3, 0.7, 40, 2_000, 30, 8),
    /** Fill-in-the-middle and one-line completions: latency and price matter, depth does not. */
    COMPLETION(1.0, 0.0, 45, 1_500, 150, 8),
    /** A short question about code or a tool, answerable from what is in the prompt. */
    QUICK_QUESTION(0.5, 0.5, 60, 3_000, 500, 6),
    /** Change code: implement, refactor, apply a diff, continue an agent's edit loop. */
    CODE_EDIT(0.8, 0.2, 68, 20_000, 1_500, 4),
    /** Find and fix a bug from a stack trace, a failing test or a symptom. */
    DEBUGGING(0.6, 0.4, 72, 20_000, 1_500, 3),
    /** Architecture, planning, design trade-offs, hard multi-step reasoning. */
    ARCHITECTURE(0.3, 0.7, 78, 15_000, 2_500, 2),
    /** Anything else: chat, prose, unclear intent. */
    OTHER(0.5, 0.5, 60, 3_000, 600, 5);

    private final double codingWeight;
    private final double reasoningWeight;
    private final double bar;
    private final int typicalPromptTokens;
    private final int typicalOutputTokens;
    private final double priceWeight;

    TaskClass(double codingWeight, double reasoningWeight, double bar, int typicalPromptTokens,
            int typicalOutputTokens, double priceWeight) {
        this.codingWeight = codingWeight;
        this.reasoningWeight = reasoningWeight;
        this.bar = bar;
        this.typicalPromptTokens = typicalPromptTokens;
        this.typicalOutputTokens = typicalOutputTokens;
        this.priceWeight = priceWeight;
    }

    /** Prompt size the compiled rankings price a class at (agent prompts carry files and tool definitions). */
    public int typicalPromptTokens() {
        return typicalPromptTokens;
    }

    /**
     * Quality points a model must gain per doubling of price, in the balanced profile, to be preferred. Low where a
     * stronger model changes the outcome (architecture, debugging), high where every model succeeds (titles).
     */
    public double priceWeight() {
        return priceWeight;
    }

    /** The class's quality of a model with these prior scores (0-100 each). */
    public double quality(double coding, double reasoning) {
        return codingWeight * coding + reasoningWeight * reasoning;
    }

    /** The class quality a model needs before the eco profile trusts it with the class. */
    public double bar() {
        return bar;
    }

    /** Answer length used for the cost estimate when the request sets no {@code max_tokens}. */
    public int typicalOutputTokens() {
        return typicalOutputTokens;
    }

    /** The name used in headers, JSON and the policy: {@code code_edit}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Plain words for reasons: "code edit". */
    public String words() {
        return wire().replace('_', ' ');
    }

    public static TaskClass fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
