package dev.kilo.gateway.routing;

import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.routing.RoutingControls.MaxPrice;
import dev.kilo.gateway.routing.TaskClassifier.Classification;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The in-process routing decision: classify, apply the hard constraints, walk the compiled ranking (or rescore it
 * for a per-request cost-quality tradeoff), keep a conversation on its model, and explain. Pure and allocation-light:
 * the completions function runs it per request ({@code RouterBench} measures it), the router function's
 * {@code /v1/route} runs the same code.
 */
public final class Router {

    /** Models tried after the chosen one when it fails before its first byte. */
    public static final int FALLBACKS = 3;
    /** Better-ranked models named in the reasons when a constraint removed them. */
    private static final int SKIPPED_NAMED = 4;

    private Router() {
    }

    /**
     * Why a model cannot serve the request, in the order {@link #reject} checks: first the caller's bounds (which
     * models may be used at all), then the request's needs, then price. {@link #noModelFits} names the constraint
     * at which the models within the bounds ran out.
     */
    enum Reject {
        NONE(null, null),
        NOT_SERVED("its provider is not configured on this gateway", "model"),
        KEY_MODELS("not allowed for this key", "model"),
        ALLOW("not in the request's models allow-list", "routing.models"),
        EXCLUDED("excluded by the request or the key", "routing.exclude"),
        NOT_FREE("priced above zero", "model"),
        TOOLS("no tool calling", "tools"),
        VISION("no image input", "messages"),
        JSON_SCHEMA("no JSON schema output", "response_format"),
        REASONING("no reasoning support", "reasoning_effort"),
        CONTEXT("too small a context window or output limit", "messages"),
        PRICE("over max_price", "routing.max_price"),
        UNHEALTHY("provider failing right now", null);

        final String words;
        final String param;

        Reject(String words, String param) {
            this.words = words;
            this.param = param;
        }
    }

    /** The bounds of one request: its controls within its key's defaults. */
    private record Bounds(Profile profile, List<ModelPattern> keyModels, List<ModelPattern> allow,
            List<ModelPattern> deny, MaxPrice maxPrice, Double tradeoff, Predicate<String> served,
            Predicate<String> down) {

        static Bounds of(Profile profile, RoutingControls request, RoutingControls key, Predicate<String> served,
                Predicate<String> down) {
            RoutingControls k = key == null ? RoutingControls.NONE : key;
            RoutingControls r = request == null ? RoutingControls.NONE : request;
            List<ModelPattern> deny = ModelPattern.of(k.exclude());
            if (r.exclude() != null) {
                deny = new ArrayList<>(deny);
                deny.addAll(ModelPattern.of(r.exclude()));
            }
            return new Bounds(profile, ModelPattern.of(k.models()), ModelPattern.of(r.models()), deny,
                    MaxPrice.stricter(r.maxPrice(), k.maxPrice()),
                    r.costQualityTradeoff() != null ? r.costQualityTradeoff() : k.costQualityTradeoff(),
                    served == null ? p -> true : served, down == null ? p -> false : down);
        }
    }

    /**
     * @param providerServed whether this process can call a provider (configured): a hard constraint
     * @param providerDown whether a provider is failing right now: skipped while other models fit
     * @param stickyModel the model the conversation is pinned to, or null
     */
    public static RouteDecision decide(String requestedModel, RequestSignals signals, RoutingPolicy policy,
            RoutingControls request, RoutingControls key, Predicate<String> providerServed,
            Predicate<String> providerDown, String stickyModel) {
        Profile profile = Profile.ofModel(requestedModel);
        if (requestedModel.equals("kilo/auto") && key != null && key.profile() != null) {
            profile = Profile.fromWire(key.profile());
        }
        Classification classification = TaskClassifier.classify(signals);
        TaskClass c = classification.taskClass();
        Bounds bounds = Bounds.of(profile, request, key, providerServed, providerDown);
        countWhereItMatters(signals, policy, bounds);
        Needs needs = Needs.of(signals);
        int expectedOutput = signals.requestedOutputTokens() > 0 ? signals.requestedOutputTokens()
                : c.typicalOutputTokens();
        Selection selection = select(policy, c, needs, bounds, signals.promptTokens(), expectedOutput, true);
        if (selection.count == 0) {
            // Health is a preference, not a need: when every fit model's provider is failing, try them anyway.
            selection = select(policy, c, needs, bounds, signals.promptTokens(), expectedOutput, false);
        }
        if (selection.count == 0) {
            throw noModelFits(policy, c, needs, bounds, signals.promptTokens(), expectedOutput, requestedModel);
        }
        int sticky = policy.indexOf(stickyModel);
        boolean kept = sticky >= 0 && reject(policy.models()[sticky], needs, bounds, signals.promptTokens(),
                expectedOutput, true) == Reject.NONE;
        int chosen = kept ? sticky : selection.picked[0];
        List<String> fallbacks = new ArrayList<>(FALLBACKS);
        for (int k = 0; k < selection.count && fallbacks.size() < FALLBACKS; k++) {
            if (selection.picked[k] != chosen) {
                fallbacks.add(policy.models()[selection.picked[k]].id());
            }
        }
        PolicyModel model = policy.models()[chosen];
        double cost = model.cost(signals.promptTokens(), expectedOutput);
        Double estimate = Double.isNaN(cost) ? null : cost;
        List<String> reasons = Explanation.reasons(policy, c, classification.decidedBy(), needs, bounds.profile(),
                bounds.tradeoff(), model, estimate, kept, signals.sessionSource(), selection, fallbacks);
        return new RouteDecision(requestedModel, bounds.profile().wire(), c.wire(), classification.decidedBy(), needs,
                model.id(), List.copyOf(fallbacks), estimate, signals.promptTokens(), expectedOutput,
                List.copyOf(reasons), policy.version(), kept, bounds.tradeoff());
    }

    /**
     * Counts the prompt's estimated texts exactly when their count could change the decision: a model's context
     * window lies between what the smallest and the largest plausible count need, or a per-request price cap
     * compares the cost. Otherwise the context check comes out the same for any count in that range.
     */
    private static void countWhereItMatters(RequestSignals signals, RoutingPolicy policy, Bounds bounds) {
        PromptSize prompt = signals.prompt();
        if (!prompt.estimated()) {
            return;
        }
        boolean requestCap = bounds.maxPrice() != null && bounds.maxPrice().request() != null;
        int output = signals.requestedOutputTokens();
        if (requestCap || policy.contextLimitBetween(Needs.minContext(prompt.low(), output),
                Needs.minContext(prompt.high(), output))) {
            prompt.countExactly();
        }
    }

    /** The first {@code 1 + FALLBACKS} models that pass, best first, and the better-ranked ones that did not. */
    static final class Selection {
        final int[] picked = new int[1 + FALLBACKS];
        int count;
        final int[] skipped = new int[SKIPPED_NAMED];
        final Reject[] skippedWhy = new Reject[SKIPPED_NAMED];
        int skippedCount;
        int skippedTotal;
    }

    private static Selection select(RoutingPolicy policy, TaskClass c, Needs needs, Bounds bounds, int prompt,
            int output, boolean checkHealth) {
        Selection s = new Selection();
        PolicyModel[] models = policy.models();
        if (bounds.tradeoff() != null && bounds.profile() != Profile.FREE) {
            int[] order = policy.tradeoffOrder(c, bounds.tradeoff());
            return order == null ? rescored(policy, c, needs, bounds, prompt, output, checkHealth, s)
                    : walk(order, models, needs, bounds, prompt, output, checkHealth, s, false);
        }
        return walk(policy.order(c, bounds.profile()), models, needs, bounds, prompt, output, checkHealth, s, true);
    }

    /**
     * Takes the first models of a precomputed order that pass the constraints. A tradeoff order names none it passed
     * over (as rescoring did not): its models were never ranked by the profile.
     */
    private static Selection walk(int[] order, PolicyModel[] models, Needs needs, Bounds bounds, int prompt,
            int output, boolean checkHealth, Selection s, boolean noteSkipped) {
        for (int m : order) {
            Reject why = reject(models[m], needs, bounds, prompt, output, checkHealth);
            if (why == Reject.NONE) {
                s.picked[s.count++] = m;
                if (s.count == s.picked.length) {
                    break;
                }
            } else if (s.count == 0 && noteSkipped) {
                noteSkipped(s, m, why);
            }
        }
        return s;
    }

    /** A tradeoff off the 0.1 grid: one linear pass keeping the best few, no sort of the whole catalog. */
    private static Selection rescored(RoutingPolicy policy, TaskClass c, Needs needs, Bounds bounds, int prompt,
            int output, boolean checkHealth, Selection s) {
        PolicyModel[] models = policy.models();
        double[] best = new double[s.picked.length];
        for (int m = 0; m < models.length; m++) {
            if (reject(models[m], needs, bounds, prompt, output, checkHealth) != Reject.NONE) {
                continue;
            }
            double score = PolicyCompiler.balancedScore(policy.quality(m, c), policy.relativeCost(m, c), c,
                    bounds.tradeoff());
            int at = s.count;
            while (at > 0 && best[at - 1] < score) {
                at--;
            }
            if (at >= s.picked.length) {
                continue;
            }
            int last = Math.min(s.count, s.picked.length - 1);
            for (int k = last; k > at; k--) {
                best[k] = best[k - 1];
                s.picked[k] = s.picked[k - 1];
            }
            best[at] = score;
            s.picked[at] = m;
            s.count = Math.min(s.count + 1, s.picked.length);
        }
        return s;
    }

    private static void noteSkipped(Selection s, int m, Reject why) {
        s.skippedTotal++;
        if (s.skippedCount < SKIPPED_NAMED) {
            s.skipped[s.skippedCount] = m;
            s.skippedWhy[s.skippedCount++] = why;
        }
    }

    /** The first constraint the model fails, cheapest checks first. */
    static Reject reject(PolicyModel m, Needs needs, Bounds bounds, int prompt, int output, boolean checkHealth) {
        if (!bounds.served().test(m.provider())) {
            return Reject.NOT_SERVED;
        }
        if (!bounds.keyModels().isEmpty() && !ModelPattern.anyMatches(bounds.keyModels(), m.id())) {
            return Reject.KEY_MODELS;
        }
        if (!bounds.allow().isEmpty() && !ModelPattern.anyMatches(bounds.allow(), m.id())) {
            return Reject.ALLOW;
        }
        if (!bounds.deny().isEmpty() && ModelPattern.anyMatches(bounds.deny(), m.id())) {
            return Reject.EXCLUDED;
        }
        if (bounds.profile() == Profile.FREE && !m.free()) {
            return Reject.NOT_FREE;
        }
        int missing = needs.mask() & ~m.capabilities();
        if (missing != 0) {
            return (missing & Needs.TOOLS) != 0 ? Reject.TOOLS : (missing & Needs.VISION) != 0 ? Reject.VISION
                    : (missing & Needs.JSON_SCHEMA) != 0 ? Reject.JSON_SCHEMA : Reject.REASONING;
        }
        if (!needs.fitsContext(m)) {
            return Reject.CONTEXT;
        }
        if (bounds.maxPrice() != null && !withinPrice(m, bounds.maxPrice(), prompt, output)) {
            return Reject.PRICE;
        }
        if (checkHealth && bounds.down().test(m.provider())) {
            return Reject.UNHEALTHY;
        }
        return Reject.NONE;
    }

    /** An unknown price never passes a cap: we cannot promise what we cannot compute. */
    private static boolean withinPrice(PolicyModel m, MaxPrice cap, int prompt, int output) {
        if (!m.priced()) {
            return false;
        }
        if (cap.prompt() != null && m.promptPrice() > cap.prompt()) {
            return false;
        }
        if (cap.completion() != null && m.completionPrice() > cap.completion()) {
            return false;
        }
        return cap.request() == null || m.cost(prompt, output) <= cap.request();
    }

    /** A 400 naming the first need no model meets, checking constraints one after another over every model. */
    private static GatewayException noModelFits(RoutingPolicy policy, TaskClass c, Needs needs, Bounds bounds,
            int prompt, int output, String requestedModel) {
        PolicyModel[] models = policy.models();
        Reject first = Reject.NONE;
        for (Reject constraint : Reject.values()) {
            if (constraint == Reject.NONE || constraint == Reject.UNHEALTHY) {
                continue;
            }
            boolean anyPasses = false;
            for (PolicyModel m : models) {
                Reject why = reject(m, needs, bounds, prompt, output, false);
                if (why == Reject.NONE || why.ordinal() > constraint.ordinal()) {
                    anyPasses = true;
                    break;
                }
            }
            if (!anyPasses) {
                first = constraint;
                break;
            }
        }
        String what = switch (first) {
            case NOT_SERVED -> "no provider of the routing policy's models is configured on this gateway";
            case NOT_FREE -> "no model priced at zero is available for '" + requestedModel + "'";
            case KEY_MODELS -> "this key may not use any model that fits";
            case ALLOW -> "no model matching routing.models fits";
            case EXCLUDED -> "every model that fits is excluded (routing.exclude or the key's exclusions)";
            case CONTEXT -> "no model has a context window of " + grouped(needs.minContext()) + " tokens"
                    + (needs.minOutput() > 0 ? " with " + grouped(needs.minOutput()) + " output tokens" : "");
            case TOOLS -> "no model supports tool calling";
            case VISION -> "no model accepts image input";
            case JSON_SCHEMA -> "no model supports JSON schema output (response_format)";
            case REASONING -> "no model supports reasoning (reasoning_effort)";
            case PRICE -> "no model fits within max_price";
            default -> policy.size() == 0 ? "the routing policy holds no models yet (is any provider configured?)"
                    : "no model fits";
        };
        return new GatewayException(400, ErrorTypes.INVALID_REQUEST, "no_model_fits", first.param,
                "No model can serve this " + c.words() + " request: " + what + ". Needs: " + needs.words() + ".");
    }

    /** 12345 → "12,345", without String.format's cost on the request path. */
    static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder out = new StringBuilder(digits.length() + 4);
        if (value < 0) {
            out.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }
}
