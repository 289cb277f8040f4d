package dev.kilo.gateway.catalog;

import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.discovery.CatalogPlan;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.CatalogStore.StoredModel;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The catalog as this process sees it: an immutable in-memory snapshot, never read from DynamoDB per request.
 * After {@code gateway.catalog.refresh-interval} a read starts one background check of the catalog version (one
 * small read) and reloads the models only when the version moved; requests keep the current snapshot meanwhile,
 * so the request path never waits for DynamoDB (and Lambda needs no timer thread).
 */
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    private final CatalogStore store;
    private final long refreshNanos;
    private final Duration goneGrace;
    private final Map<String, String> autoMapping;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), -1, 0);

    public ModelCatalog(CatalogStore store, GatewayConfig config) {
        this.store = store;
        this.refreshNanos = config.catalog().refreshInterval().toNanos();
        this.goneGrace = config.discovery().goneGrace();
        this.autoMapping = AutoModels.mapping(config.auto());
    }

    private record Snapshot(Map<String, CatalogModel> byId, List<CatalogModel> sorted, long version, long checkedAt) {
    }

    /** What {@code /v1/models} lists: the automatic ids first, then every served model by id. */
    public List<CatalogModel> all() {
        return current().sorted();
    }

    public Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(current().byId().get(id));
    }

    public long version() {
        return current().version();
    }

    /** Reads the catalog from DynamoDB now, on the calling thread. */
    public void reload() {
        long version = store.version().version();
        Instant now = Instant.now();
        Map<String, CatalogModel> byId = new LinkedHashMap<>();
        store.all().stream()
                .filter(m -> CatalogPlan.listed(m.active(), m.goneSince(), now, goneGrace))
                .map(StoredModel::model)
                .sorted(Comparator.comparing(CatalogModel::id))
                .forEach(m -> byId.put(m.id(), m));
        List<CatalogModel> sorted = new ArrayList<>(AutoModels.entries(byId, autoMapping));
        sorted.addAll(byId.values());
        sorted.subList(0, AutoModels.PROFILES.size()).forEach(auto -> byId.put(auto.id(), auto));
        snapshot = new Snapshot(Map.copyOf(byId), List.copyOf(sorted), version, System.nanoTime());
    }

    private Snapshot current() {
        Snapshot now = snapshot;
        if (System.nanoTime() - now.checkedAt() > refreshNanos && refreshing.compareAndSet(false, true)) {
            Infrastructure.getDefaultWorkerPool().execute(this::backgroundRefresh);
        }
        return now;
    }

    private void backgroundRefresh() {
        try {
            Snapshot now = snapshot;
            if (store.version().version() != now.version()) {
                reload();
            } else {
                snapshot = new Snapshot(now.byId(), now.sorted(), now.version(), System.nanoTime());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Catalog refresh failed, keeping the previous snapshot: %s", e.getClass().getSimpleName());
        } finally {
            refreshing.set(false);
        }
    }
}
