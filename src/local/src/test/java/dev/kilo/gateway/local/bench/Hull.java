package dev.kilo.gateway.local.bench;

import java.util.List;

/**
 * Upper concave hulls of (total cost, mean quality) points, read at a cost (shared/ROUTING-EVAL.md): what mixing
 * the points' systems at random reaches at that cost.
 */
final class Hull {

    private Hull() {
    }

    /** Two systems to mix at random, the first with probability {@code shareOfFirst}; one system when equal. */
    record Bracket(int first, int second, double shareOfFirst) {
    }

    /**
     * The random-mix hull of single models and the origin (answering nothing costs nothing), read at {@code cost}:
     * the baseline a router must beat. Beyond the dearest point it stays flat.
     */
    static double ofSingles(List<Column> singles, int[] rows, double cost) {
        double[] costs = new double[singles.size() + 1];
        double[] means = new double[singles.size() + 1];
        for (int i = 0; i < singles.size(); i++) {
            costs[i + 1] = singles.get(i).total(rows);
            means[i + 1] = singles.get(i).mean(rows);
        }
        return read(costs, means, cost);
    }

    /** A router's own curve (its knob settings), mixed at random, read at {@code cost}; NaN below its cheapest. */
    static double ofCurve(List<Column> curve, int[] rows, double cost) {
        Bracket b = bracket(curve, rows, cost);
        if (b == null) {
            return Double.NaN;
        }
        return b.shareOfFirst() * curve.get(b.first()).mean(rows)
                + (1 - b.shareOfFirst()) * curve.get(b.second()).mean(rows);
    }

    /** The best mix of two curve points costing at most {@code cost} on these rows, or null when none does. */
    static Bracket bracket(List<Column> curve, int[] rows, double cost) {
        int n = curve.size();
        double[] costs = new double[n];
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            costs[i] = curve.get(i).total(rows);
            means[i] = curve.get(i).mean(rows);
        }
        Bracket best = null;
        double bestQuality = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            if (costs[a] > cost) {
                continue;
            }
            if (means[a] > bestQuality) {
                bestQuality = means[a];
                best = new Bracket(a, a, 1);
            }
            for (int b = 0; b < n; b++) {
                if (costs[b] > cost) {
                    double share = (costs[b] - cost) / (costs[b] - costs[a]);
                    double q = share * means[a] + (1 - share) * means[b];
                    if (q > bestQuality) {
                        bestQuality = q;
                        best = new Bracket(a, b, share);
                    }
                }
            }
        }
        return best;
    }

    private static double read(double[] costs, double[] means, double cost) {
        double best = 0;
        for (int a = 0; a < costs.length; a++) {
            if (costs[a] > cost) {
                continue;
            }
            best = Math.max(best, means[a]);
            for (int b = 0; b < costs.length; b++) {
                if (costs[b] > cost) {
                    double share = (cost - costs[a]) / (costs[b] - costs[a]);
                    best = Math.max(best, means[a] + share * (means[b] - means[a]));
                }
            }
        }
        return best;
    }
}
