package dev.kilo.gateway.local.bench;

import java.util.List;

/**
 * What one way of choosing models did with each request of the evaluation: estimated cost (USD) and quality proxy
 * (0 when nothing could serve it). Columns of a routing evaluation: a profile, a tradeoff setting, a single model, or
 * a mix of two of these in expectation.
 */
record Column(double[] cost, double[] quality) {

    static Column of(List<RouteEval.Outcome> outcomes) {
        double[] cost = new double[outcomes.size()];
        double[] quality = new double[outcomes.size()];
        for (int r = 0; r < cost.length; r++) {
            cost[r] = outcomes.get(r).cost();
            quality[r] = outcomes.get(r).quality();
        }
        return new Column(cost, quality);
    }

    /** Choosing this column with probability {@code share} and the other otherwise, per request, in expectation. */
    Column mix(double share, Column other) {
        double[] c = new double[cost.length];
        double[] q = new double[cost.length];
        for (int r = 0; r < c.length; r++) {
            c[r] = share * cost[r] + (1 - share) * other.cost[r];
            q[r] = share * quality[r] + (1 - share) * other.quality[r];
        }
        return new Column(c, q);
    }

    double total(int[] rows) {
        double sum = 0;
        for (int r : rows) {
            sum += cost[r];
        }
        return sum;
    }

    double mean(int[] rows) {
        double sum = 0;
        for (int r : rows) {
            sum += quality[r];
        }
        return sum / rows.length;
    }

    static int[] all(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
