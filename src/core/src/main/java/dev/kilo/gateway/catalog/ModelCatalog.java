package dev.kilo.gateway.catalog;

import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.store.CatalogStore;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The catalog as this process sees it: an immutable in-memory snapshot read from DynamoDB, never per request.
 * A read after {@code gateway.catalog.refresh-interval} starts one background reload and keeps answering from the
 * current snapshot meanwhile, so the request path never waits for DynamoDB (and Lambda needs no timer thread).
 */
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    private final CatalogStore store;
    private final long refreshNanos;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), 0);

    public ModelCatalog(CatalogStore store, GatewayConfig config) {
        this.store = store;
        this.refreshNanos = config.catalog().refreshInterval().toNanos();
    }

    private record Snapshot(Map<String, CatalogModel> byId, List<CatalogModel> sorted, long loadedAt) {
    }

    public List<CatalogModel> all() {
        return current().sorted();
    }

    public Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    /** Reads the catalog from DynamoDB now, on the calling thread. */
    public void reload() {
        Map<String, CatalogModel> byId = new LinkedHashMap<>();
        store.all().stream().sorted(Comparator.comparing(CatalogModel::id)).forEach(m -> byId.put(m.id(), m));
        snapshot = new Snapshot(Map.copyOf(byId), List.copyOf(byId.values()), System.nanoTime());
    }

    private Snapshot current() {
        Snapshot now = snapshot;
        if (System.nanoTime() - now.loadedAt() > refreshNanos && refreshing.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::backgroundReload);
        }
        return now;
    }

    private void backgroundReload() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.warnf("Catalog refresh failed, keeping the previous snapshot: %s", e.getClass().getSimpleName());
        } finally {
            refreshing.set(false);
        }
    }
}
