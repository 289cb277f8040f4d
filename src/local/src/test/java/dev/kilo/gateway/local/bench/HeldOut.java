package dev.kilo.gateway.local.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Held-out results of routers fitted to a budget (shared/ROUTING-EVAL.md): the requests are split into k folds, a
 * router's free settings are chosen on k-1 folds and applied to the held-out one, so every request's outcome comes
 * from settings chosen without it. Repeated over several seeds (each a different split); the per-request held-out
 * outcomes are averaged over seeds.
 * <p>
 * The routers are kilo/auto with its cost_quality_tradeoff knob, whose outcomes on every request at every setting
 * ({@code sweep}) were measured through {@code /v1/route}: fitting chooses among those, so it needs no second run.
 * <ul>
 *   <li>{@link #oneSetting}: one knob setting for every request (or a random mix of two), the one whose training
 *   cost is the budget;</li>
 *   <li>{@link #perClass}: a setting per task class the router predicted, chosen on the training folds to maximise
 *   quality less {@code lambda} times cost, with {@code lambda} (and a mix of two) set so the training cost is the
 *   budget. Classes in {@code fixed} keep the setting at index {@code fixedSetting}.</li>
 * </ul>
 */
final class HeldOut {

    /** Prices of a quality point the per-class fit tries, in points per USD (0 = price ignored). */
    private static final double[] LAMBDAS = lambdas();

    private final List<Column> sweep;
    private final String[] predicted;
    private final Column frontier;
    private final int folds;

    HeldOut(List<Column> sweep, String[] predicted, Column frontier, int folds) {
        this.sweep = sweep;
        this.predicted = predicted;
        this.frontier = frontier;
        this.folds = folds;
    }

    /** Budget {@code share} of the frontier's cost on the same requests. */
    Column oneSetting(double share, long seed) {
        return heldOut(seed, train -> {
            Hull.Bracket b = Hull.bracket(sweep, train, share * frontier.total(train));
            return b == null ? sweep.get(cheapest(train)) : sweep.get(b.first()).mix(b.shareOfFirst(),
                    sweep.get(b.second()));
        });
    }

    Column perClass(double share, long seed, Set<String> fixed, int fixedSetting) {
        return heldOut(seed, train -> fitPerClass(train, share * frontier.total(train), fixed, fixedSetting).column);
    }

    /** The per-class fit on all requests (what would be deployed), for showing its settings. */
    Map<String, Integer> settingsOnAll(double share, Set<String> fixed, int fixedSetting) {
        int[] all = Column.all(predicted.length);
        return fitPerClass(all, share * frontier.total(all), fixed, fixedSetting).settings;
    }

    private interface Fit {
        Column on(int[] train);
    }

    /** Each request's outcome under settings fitted on the other folds; averaged over nothing else. */
    private Column heldOut(long seed, Fit fit) {
        int n = predicted.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        java.util.Collections.shuffle(Arrays.asList(order), new Random(seed));
        double[] cost = new double[n];
        double[] quality = new double[n];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                (k % folds == f ? test : train).add(order[k]);
            }
            Column fitted = fit.on(train.stream().mapToInt(Integer::intValue).toArray());
            for (int r : test) {
                cost[r] = fitted.cost()[r];
                quality[r] = fitted.quality()[r];
            }
        }
        return new Column(cost, quality);
    }

    private record PerClass(Column column, Map<String, Integer> settings) {
    }

    private PerClass fitPerClass(int[] train, double budget, Set<String> fixed, int fixedSetting) {
        List<Map<String, Integer>> policies = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (double lambda : LAMBDAS) {
            Map<String, Integer> settings = new TreeMap<>();
            for (String c : Set.copyOf(Arrays.asList(predicted))) {
                settings.put(c, fixed.contains(c) ? fixedSetting : best(train, c, lambda));
            }
            policies.add(settings);
            columns.add(apply(settings));
        }
        Hull.Bracket b = Hull.bracket(columns, train, budget);
        if (b == null) {
            int last = columns.size() - 1;
            return new PerClass(columns.get(last), policies.get(last));
        }
        Column mixed = columns.get(b.first()).mix(b.shareOfFirst(), columns.get(b.second()));
        return new PerClass(mixed, policies.get(b.shareOfFirst() >= 0.5 ? b.first() : b.second()));
    }

    /** The setting with the most quality less lambda times cost on the training requests of one predicted class. */
    private int best(int[] train, String c, double lambda) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < sweep.size(); t++) {
            double value = 0;
            for (int r : train) {
                if (predicted[r].equals(c)) {
                    value += sweep.get(t).quality()[r] - lambda * sweep.get(t).cost()[r];
                }
            }
            if (value > bestValue + 1e-12) {
                bestValue = value;
                best = t;
            }
        }
        return best;
    }

    private Column apply(Map<String, Integer> settings) {
        int n = predicted.length;
        double[] cost = new double[n];
        double[] quality = new double[n];
        for (int r = 0; r < n; r++) {
            Column chosen = sweep.get(settings.get(predicted[r]));
            cost[r] = chosen.cost()[r];
            quality[r] = chosen.quality()[r];
        }
        return new Column(cost, quality);
    }

    private int cheapest(int[] rows) {
        int cheapest = 0;
        for (int t = 1; t < sweep.size(); t++) {
            if (sweep.get(t).total(rows) < sweep.get(cheapest).total(rows)) {
                cheapest = t;
            }
        }
        return cheapest;
    }

    /** The per-request held-out outcomes of several seeds' splits, averaged request by request. */
    static Column average(List<Column> runs) {
        int n = runs.get(0).cost().length;
        double[] cost = new double[n];
        double[] quality = new double[n];
        for (Column run : runs) {
            for (int r = 0; r < n; r++) {
                cost[r] += run.cost()[r] / runs.size();
                quality[r] += run.quality()[r] / runs.size();
            }
        }
        return new Column(cost, quality);
    }

    private static double[] lambdas() {
        double[] lambdas = new double[61];
        for (int i = 1; i < lambdas.length; i++) {
            lambdas[i] = Math.pow(10, (i - 1) / 10.0);
        }
        return lambdas;
    }
}
