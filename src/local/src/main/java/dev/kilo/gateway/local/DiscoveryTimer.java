package dev.kilo.gateway.local;

import dev.kilo.gateway.catalog.GatewayStartup;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.discovery.DiscoveryService;
import dev.kilo.gateway.service.RoutingPolicies;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The local server's stand-in for the scheduled discovery function: refreshes the catalog right after start and
 * then every {@code gateway.discovery.interval}, on its own thread, and reloads this process's catalog snapshot
 * after each run so {@code /v1/models} shows the result at once, and the routing policy is recompiled from it (the
 * router function's job on AWS).
 */
@ApplicationScoped
public class DiscoveryTimer {

    private static final Logger LOG = Logger.getLogger(DiscoveryTimer.class);

    private ScheduledExecutorService executor;

    void onStart(@Observes @Priority(GatewayStartup.PRIORITY + 1) StartupEvent event, GatewayConfig config, DiscoveryService discovery,
            ModelCatalog catalog, RoutingPolicies policies) {
        if (!config.discovery().onStart()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "discovery-timer");
            thread.setDaemon(true);
            return thread;
        });
        Runnable refresh = () -> run(discovery, catalog, policies);
        Duration interval = config.discovery().interval();
        if (interval.isZero()) {
            executor.execute(refresh);
        } else {
            executor.scheduleWithFixedDelay(refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static void run(DiscoveryService discovery, ModelCatalog catalog, RoutingPolicies policies) {
        try {
            discovery.refresh();
            catalog.reload();
            policies.refresh();
        } catch (RuntimeException e) {
            // The next run tries again; the catalog keeps what it has.
            LOG.errorf(e, "Discovery run failed");
        }
    }
}
