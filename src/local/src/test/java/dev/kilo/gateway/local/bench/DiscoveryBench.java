package dev.kilo.gateway.local.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.kilo.gateway.discovery.DiscoveryReport;
import dev.kilo.gateway.discovery.DiscoveryService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test of speed: refreshes a catalog of 500 models from 10 providers on DynamoDB Local three
 * times (first fill, nothing changed, ten models changed per provider) and prints time and DynamoDB writes.
 * Run with {@code make bench-discovery}; excluded from {@code make test}. The only assertions are on write counts,
 * which are correctness, not timing.
 */
@QuarkusTest
@TestProfile(DiscoveryBenchProfile.class)
@Tag("bench")
class DiscoveryBench {

    @Inject
    DiscoveryService discovery;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "bench.upstream.port")
    int upstreamPort;

    @Test
    void refreshFiveHundredModels() throws Exception {
        int total = DiscoveryBenchProfile.PROVIDERS.size() * DiscoveryBenchProfile.MODELS_PER_PROVIDER;
        List<Map<String, Object>> runs = new ArrayList<>();
        WireMock upstream = new WireMock("127.0.0.1", upstreamPort);
        DiscoveryBenchProfile.serve(upstream, 0);
        runs.add(run("first fill", discovery.refresh(), total));
        runs.add(run("unchanged", discovery.refresh(), total));
        DiscoveryBenchProfile.serve(upstream, 1);
        runs.add(run("10 changed per provider", discovery.refresh(), total));

        System.out.println();
        System.out.printf("Discovery refresh, %d providers x %d models, DynamoDB Local%n",
                DiscoveryBenchProfile.PROVIDERS.size(), DiscoveryBenchProfile.MODELS_PER_PROVIDER);
        System.out.printf("%-26s %10s %8s %8s%n", "run", "time (ms)", "writes", "version");
        for (Map<String, Object> run : runs) {
            System.out.printf("%-26s %10s %8s %8s%n", run.get("run"), run.get("duration_ms"), run.get("writes"),
                    run.get("catalog_version"));
        }
        Path out = Path.of("target/bench/discovery.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(runs));
        System.out.println("Written to " + out.toAbsolutePath());

        assertEquals(0L, runs.get(1).get("writes"), "an unchanged catalog costs no writes");
        assertEquals((long) DiscoveryBenchProfile.PROVIDERS.size() * 10, runs.get(2).get("writes"));
    }

    private static Map<String, Object> run(String name, DiscoveryReport report, int total) {
        assertEquals(0, report.failedProviders(), report.toString());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run", name);
        run.put("models", total);
        run.put("duration_ms", report.durationMs());
        run.put("writes", (long) report.writes());
        run.put("catalog_version", report.catalogVersion());
        return run;
    }
}
