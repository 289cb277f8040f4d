package dev.kilo.gateway.service;

import dev.kilo.gateway.catalog.GatewayStartup;
import dev.kilo.gateway.catalog.ModelCatalog;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.routing.RoutingPolicy;
import dev.kilo.gateway.store.RoutingStore;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The routing policy this process decides with, kept in memory like the catalog: never read per request. After
 * {@code gateway.routing.refresh-interval} a read starts one background check of the stored version and reloads
 * when it moved. Where {@code compile-locally} is set (the local server), a catalog newer than the policy is
 * compiled here. With no stored policy at all (the router function has not run yet), the policy is compiled in
 * memory from the catalog, so automatic ids work from the first request.
 */
@ApplicationScoped
public class RoutingPolicies {

    private static final Logger LOG = Logger.getLogger(RoutingPolicies.class);

    private final RoutingStore store;
    private final PolicyService compiler;
    private final ModelCatalog catalog;
    private final boolean compileLocally;
    private final long refreshNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile RoutingPolicy policy;
    private volatile long checkedAt;

    public RoutingPolicies(RoutingStore store, PolicyService compiler, ModelCatalog catalog, GatewayConfig config) {
        this.store = store;
        this.compiler = compiler;
        this.catalog = catalog;
        this.compileLocally = config.routing().compileLocally();
        this.refreshNanos = config.routing().refreshInterval().toNanos();
    }

    /** Loads the policy before the first request (compiling it where compile-locally is set). */
    void onStart(@Observes @Priority(GatewayStartup.PRIORITY + 10) StartupEvent event, GatewayConfig config) {
        if (!config.catalog().loadOnStart()) {
            return;
        }
        try {
            refresh();
            LOG.infof("Routing policy loaded: version %d, %d models", policy.version(), policy.size());
        } catch (RuntimeException e) {
            // As with the catalog: a cold start must not fail on a DynamoDB hiccup; the first request retries.
            LOG.errorf("Routing policy not loaded at start (%s)", e.getClass().getSimpleName());
        }
    }

    /** The current policy; the first call loads it on the calling thread. */
    public RoutingPolicy current() {
        RoutingPolicy now = policy;
        if (now == null) {
            synchronized (this) {
                if (policy == null) {
                    refresh();
                }
                return policy;
            }
        }
        if (System.nanoTime() - checkedAt > refreshNanos && refreshing.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::backgroundRefresh);
        }
        return now;
    }

    /** Checks the stored version (and, compiling locally, the catalog's) and reloads now, on the calling thread. */
    public synchronized void refresh() {
        RoutingPolicy now = policy;
        if (compileLocally && (now == null || now.document().catalogVersion() != catalog.version())) {
            compiler.compileAndPublish(now == null ? "start" : "catalog version " + catalog.version());
        }
        long stored = store.policyVersion();
        if (stored == 0) {
            if (now == null || now.document().catalogVersion() != catalog.version()) {
                LOG.warn("No routing policy stored yet (has the router function run?); compiling one in memory");
                policy = RoutingPolicy.of(compiler.compile());
            }
        } else if (now == null || now.version() != stored) {
            store.loadPolicy().ifPresent(document -> policy = RoutingPolicy.of(document));
        }
        checkedAt = System.nanoTime();
    }

    private void backgroundRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("Routing policy refresh failed, keeping the previous one: %s", e.getClass().getSimpleName());
            checkedAt = System.nanoTime();
        } finally {
            refreshing.set(false);
        }
    }
}
