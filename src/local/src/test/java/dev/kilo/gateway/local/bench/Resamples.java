package dev.kilo.gateway.local.bench;

import java.util.Arrays;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Bootstrap resamples of the requests, shared by every statistic so intervals are paired: a system and the hull it
 * is compared with are read on the same resampled requests.
 */
final class Resamples {

    private final int[][] samples;

    Resamples(int requests, int count, long seed) {
        Random random = new Random(seed);
        samples = new int[count][requests];
        for (int[] sample : samples) {
            for (int i = 0; i < requests; i++) {
                sample[i] = random.nextInt(requests);
            }
        }
    }

    int count() {
        return samples.length;
    }

    /** The 95% percentile interval of a statistic of the resampled rows (NaN values, where it is undefined, left out). */
    double[] interval(ToDoubleFunction<int[]> statistic) {
        double[] values = Arrays.stream(samples).mapToDouble(statistic).filter(v -> !Double.isNaN(v)).sorted()
                .toArray();
        if (values.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {values[values.length / 40], values[values.length - values.length / 40 - 1]};
    }
}
