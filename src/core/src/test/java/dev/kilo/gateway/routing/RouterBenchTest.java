package dev.kilo.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link RouterBench} with JMH (one fork, sampled latencies) and prints p50, p99 and p99.9 per benchmark, the
 * decision alone and the full per-request routing (reading the signals, then deciding) apart.
 * Only through {@code make bench-router}: the bench tag is excluded from ordinary builds.
 */
@Tag("bench")
class RouterBenchTest {

    @Test
    void measuresTheDecisionOnThreeHundredModels() throws Exception {
        assertEquals(RouterBench.MODELS, RouterBench.catalog(RouterBench.MODELS).size());
        Options options = new OptionsBuilder().include(RouterBench.class.getName() + "\\.")
                .forks(1).warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx1g").shouldFailOnError(true).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("Routing on " + RouterBench.MODELS + " catalog models, microseconds per call:");
        print(results, "decision (Router.decide, signals already read)", true);
        print(results, "full per-request routing (SignalExtractor.extract + Router.decide)", false);
    }

    private static void print(Collection<RunResult> results, String group, boolean decisions) {
        System.out.println("  " + group + ":");
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark().substring(run.getParams().getBenchmark().lastIndexOf('.') + 1);
            if (name.startsWith("decide") != decisions) {
                continue;
            }
            Statistics stats = run.getPrimaryResult().getStatistics();
            System.out.println(String.format(Locale.ROOT, "    %-22s p50 %7.2f   p99 %7.2f   p99.9 %7.2f   (n=%d)",
                    name, stats.getPercentile(50), stats.getPercentile(99), stats.getPercentile(99.9), stats.getN()));
            assertTrue(stats.getN() > 1000, name + " took too few samples");
        }
    }
}
