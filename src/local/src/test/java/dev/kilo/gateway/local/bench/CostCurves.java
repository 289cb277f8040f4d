package dev.kilo.gateway.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of the routing evaluation that reads routers at fixed costs (shared/ROUTING-EVAL.md): kilo/auto's
 * cost_quality_tradeoff curve against the random-mix hull of single models, and routers fitted to a budget by
 * repeated k-fold cross-validation, with paired bootstrap intervals over requests.
 */
final class CostCurves {

    /** Budgets, as shares of what always-strongest costs on the same requests. */
    static final double[] SHARES = {0.10, 0.30, 0.50};
    static final int FOLDS = 5;
    static final long[] SEEDS = {1, 2, 3, 4, 5};
    /** Classes whose setting the constrained per-class fit leaves at the balanced profile's (every model does them). */
    static final Set<String> TRIVIAL = Set.of("title", "completion");

    private final List<Double> knobs;
    private final List<Column> sweep;
    private final List<Column> dollarRouter;
    private final List<Column> ceiling;
    private final List<Column> singles;
    private final Column frontier;
    private final String[] predicted;
    private final Resamples resamples;
    private final int[] all;

    /**
     * @param dollarRouter {@link Lagrangian} curve by the predicted class, title and completion quality saturated at
     *     the class bar (a simulated router)
     * @param ceiling {@link Lagrangian} curve by the labelled class (not a router)
     */
    CostCurves(List<Double> knobs, List<Column> sweep, List<Column> dollarRouter, List<Column> ceiling,
            List<Column> singles, Column frontier, String[] predicted, Resamples resamples) {
        this.knobs = knobs;
        this.sweep = sweep;
        this.dollarRouter = dollarRouter;
        this.ceiling = ceiling;
        this.singles = singles;
        this.frontier = frontier;
        this.predicted = predicted;
        this.resamples = resamples;
        this.all = Column.all(predicted.length);
    }

    void report(StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%nkilo/auto's cost_quality_tradeoff curve (every request routed at each "
                + "setting): cost as a share of always-strongest, mean quality proxy, gain over the hull [95%% CI]%n"));
        for (int t = 0; t < knobs.size(); t++) {
            Column c = sweep.get(t);
            double[] ci = resamples.interval(rows -> gain(c, rows));
            out.append(String.format(Locale.ROOT, "  tradeoff %4.1f  %5.1f%%  q %5.1f  %+5.1f [%+5.1f, %+5.1f]%n",
                    knobs.get(t), 100 * c.total(all) / frontier.total(all), c.mean(all), gain(c, all), ci[0], ci[1]));
        }
        HeldOut cv = new HeldOut(sweep, predicted, frontier, FOLDS);
        int balanced = knobs.indexOf(5.0);
        out.append(String.format(Locale.ROOT, "%nRead at fixed costs (share of always-strongest's cost): gain over the "
                + "random-mix hull at the cost actually spent [95%% paired bootstrap CI]; held-out rows: %d-fold "
                + "cross-validation repeated with %d seeds, per-request outcomes averaged over seeds (range of the "
                + "seeds' gains in braces)%n", FOLDS, SEEDS.length));
        out.append(String.format(Locale.ROOT, "  %-44s", ""));
        for (double share : SHARES) {
            out.append(String.format(Locale.ROOT, "  %-30s", (int) Math.round(100 * share) + "%"));
        }
        out.append('\n');
        row(out, "tradeoff curve, in-sample (no fitting)", share -> curveCell(sweep, share));
        row(out, "held-out: one setting fitted to the budget", share -> heldOutCell(seed -> cv.oneSetting(share, seed)));
        row(out, "held-out: a setting per class, fitted", share -> heldOutCell(
                seed -> cv.perClass(share, seed, Set.of(), balanced)));
        row(out, "held-out: per class, title/completion fixed", share -> heldOutCell(
                seed -> cv.perClass(share, seed, TRIVIAL, balanced)));
        HeldOut dollars = new HeldOut(dollarRouter, predicted, frontier, FOLDS);
        row(out, "simulated dollar router, in-sample", share -> curveCell(dollarRouter, share));
        row(out, "simulated dollar router, held-out", share -> heldOutCell(seed -> dollars.oneSetting(share, seed)));
        row(out, "ceiling: best model per request, labels known", share -> {
            Column c = Lagrangian.at(ceiling, share * frontier.total(all));
            return String.format(Locale.ROOT, "%+5.1f at %4.1f%%", gain(c, all), 100 * c.total(all) / frontier.total(all));
        });
        out.append(String.format(Locale.ROOT, "Simulated dollar router (not kilo/auto): per request, the fitting model "
                + "with the most quality for the predicted class less lambda x estimated USD, title/completion quality "
                + "capped at the class bar (kilo/auto instead prices doublings of price, per class). Ceiling: the same "
                + "by the labelled class, uncapped, lambda chosen on all requests.%n"));
        out.append(String.format(Locale.ROOT, "%nThe per-class fit on all requests at 30%% (settings by predicted class): "
                + "%s; constrained: %s%n", names(cv.settingsOnAll(0.30, Set.of(), balanced)),
                names(cv.settingsOnAll(0.30, TRIVIAL, balanced))));
    }

    /** Router variants this report evaluates, for the reader to discount the best of them. */
    static String variantsEvaluated(int knobSettings, int profiles) {
        return String.format(Locale.ROOT, "Router variants evaluated: %d profiles and %d tradeoff settings (one curve), "
                + "none tuned on these requests; 3 fitted families of kilo/auto's knob (one setting; a setting per "
                + "class; per class with title/completion fixed) and a simulated dollar router (one lambda), each at "
                + "%d budgets, fitted on training folds only; the ceiling is not a router.", profiles, knobSettings,
                SHARES.length);
    }

    private interface Cell {
        String at(double share);
    }

    private interface Run {
        Column seed(long seed);
    }

    private void row(StringBuilder out, String name, Cell cell) {
        out.append(String.format(Locale.ROOT, "  %-44s", name));
        for (double share : SHARES) {
            out.append(String.format(Locale.ROOT, "  %-30s", cell.at(share)));
        }
        out.append('\n');
    }

    private String curveCell(List<Column> curve, double share) {
        double[] ci = resamples.interval(rows -> {
            double budget = share * frontier.total(rows);
            return Hull.ofCurve(curve, rows, budget) - Hull.ofSingles(singles, rows, budget);
        });
        double budget = share * frontier.total(all);
        double g = Hull.ofCurve(curve, all, budget) - Hull.ofSingles(singles, all, budget);
        return String.format(Locale.ROOT, "%+5.1f [%+5.1f, %+5.1f]", g, ci[0], ci[1]);
    }

    private String heldOutCell(Run run) {
        List<Column> runs = new ArrayList<>();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (long seed : SEEDS) {
            Column c = run.seed(seed);
            runs.add(c);
            low = Math.min(low, gain(c, all));
            high = Math.max(high, gain(c, all));
        }
        Column averaged = HeldOut.average(runs);
        double[] ci = resamples.interval(rows -> gain(averaged, rows));
        return String.format(Locale.ROOT, "%+5.1f [%+5.1f, %+5.1f] {%+.1f..%+.1f}", gain(averaged, all), ci[0], ci[1],
                low, high);
    }

    /** Quality over the random-mix hull at the same cost, on these rows. */
    private double gain(Column c, int[] rows) {
        return c.mean(rows) - Hull.ofSingles(singles, rows, c.total(rows));
    }

    private String names(Map<String, Integer> settings) {
        StringBuilder s = new StringBuilder();
        settings.forEach((c, t) -> s.append(s.length() == 0 ? "" : ", ").append(c).append(' ').append(knobs.get(t)));
        return s.toString();
    }
}
