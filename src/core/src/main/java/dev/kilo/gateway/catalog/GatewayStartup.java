package dev.kilo.gateway.catalog;

import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.provider.Provider;
import dev.kilo.gateway.provider.ProviderRegistry;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.Tables;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What happens once per process start: tables are created where we own them (local server, tests), configured
 * models are written to the catalog, and the catalog snapshot is loaded before the first request.
 */
@ApplicationScoped
public class GatewayStartup {

    private static final Logger LOG = Logger.getLogger(GatewayStartup.class);

    void onStart(@Observes StartupEvent event, GatewayConfig config, Tables tables, ProviderRegistry providers,
            CatalogStore store, ModelCatalog catalog) {
        if (config.dynamodb().createTables()) {
            tables.createMissing();
        }
        if (!config.catalog().loadOnStart()) {
            return;
        }
        try {
            if (config.catalog().seedFromConfig()) {
                seed(providers, store);
            }
            catalog.reload();
            LOG.infof("Catalog loaded: %d models", catalog.all().size());
        } catch (RuntimeException e) {
            // A cold start must not fail on a DynamoDB hiccup: the catalog retries on its refresh interval.
            LOG.errorf("Catalog not loaded at start (%s); retrying on the next refresh", e.getClass().getSimpleName());
        }
    }

    private static void seed(ProviderRegistry providers, CatalogStore store) {
        long created = Instant.now().getEpochSecond();
        for (Provider provider : providers.all().values()) {
            String name = provider.config().displayName().orElse(provider.id());
            for (String model : provider.config().models().orElse(List.of())) {
                store.put(CatalogModel.configured(provider.id(), name, model, created));
            }
        }
    }
}
