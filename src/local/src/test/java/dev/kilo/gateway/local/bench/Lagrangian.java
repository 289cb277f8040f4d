package dev.kilo.gateway.local.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Choosing, per request, the single model with the most believed quality less {@code lambda} times its cost: the
 * Lagrangian of spending a budget well, one curve point per {@code lambda}. With the labelled class's quality
 * believed, it is the ceiling of every router judged by this proxy (not a router: it knows the labels); with the
 * predicted class's quality, it simulates a router that prices requests in dollars rather than kilo/auto's
 * doublings of price.
 */
final class Lagrangian {

    private Lagrangian() {
    }

    /**
     * @param believed [model][request] the quality the chooser goes by; outcomes are scored with the singles' own
     *     (labelled) quality. A single whose quality is 0 on a request cannot serve it.
     */
    static List<Column> curve(List<Column> singles, double[][] believed) {
        int n = singles.get(0).cost().length;
        List<Column> curve = new ArrayList<>();
        for (int i = 0; i <= 80; i++) {
            double lambda = i == 0 ? 0 : Math.pow(10, (i - 1) / 10.0);
            double[] cost = new double[n];
            double[] quality = new double[n];
            for (int r = 0; r < n; r++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int m = 0; m < singles.size(); m++) {
                    Column single = singles.get(m);
                    double value = believed[m][r] - lambda * single.cost()[r];
                    if (single.quality()[r] > 0 && value > best + 1e-12) {
                        best = value;
                        cost[r] = single.cost()[r];
                        quality[r] = single.quality()[r];
                    }
                }
            }
            curve.add(new Column(cost, quality));
        }
        return curve;
    }

    /** The curve's best random mix of two points within {@code budget} on all requests. */
    static Column at(List<Column> curve, double budget) {
        Hull.Bracket b = Hull.bracket(curve, Column.all(curve.get(0).cost().length), budget);
        if (b == null) {
            return curve.get(curve.size() - 1);
        }
        return curve.get(b.first()).mix(b.shareOfFirst(), curve.get(b.second()));
    }
}
