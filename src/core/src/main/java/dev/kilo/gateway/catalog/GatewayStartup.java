package dev.kilo.gateway.catalog;

import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.discovery.DiscoveryService;
import dev.kilo.gateway.store.Tables;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * What happens once per process start: tables are created where we own them (local server, tests), configured
 * models are written to the catalog (enriched from the model registry), and the catalog snapshot is loaded before
 * the first request. Asking providers for their models is discovery's job, on its own schedule.
 */
@ApplicationScoped
public class GatewayStartup {

    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

    /** Runs before other start-up work (the local discovery timer), which needs the tables. */
    public static final int PRIORITY = 100;

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event, GatewayConfig config, Tables tables, DiscoveryService discovery,
            ModelCatalog catalog) {
        if (config.dynamodb().createTables()) {
            tables.createMissing();
        }
        if (!config.catalog().loadOnStart()) {
            return;
        }
        try {
            if (config.catalog().seedFromConfig()) {
                discovery.seedConfigured();
            }
            catalog.reload();
            LOG.infof("Catalog loaded: version %d, %d models", catalog.version(), catalog.all().size() - 1);
        } catch (RuntimeException e) {
            // A cold start must not fail on a DynamoDB hiccup: the catalog retries on its refresh interval.
            LOG.errorf("Catalog not loaded at start (%s); retrying on the next refresh", e.getClass().getSimpleName());
        }
    }
}
