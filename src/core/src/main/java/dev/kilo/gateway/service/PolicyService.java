package dev.kilo.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kilo.gateway.catalog.ModelCatalog;
import dev.kilo.gateway.discovery.DiscoveryReport.ProviderReport;
import dev.kilo.gateway.routing.PolicyCompiler;
import dev.kilo.gateway.routing.QualityPriors;
import dev.kilo.gateway.routing.RoutingPolicy.Document;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.ContentHash;
import dev.kilo.gateway.store.RoutingStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Compiles the routing policy from the catalog, the quality priors and provider health (the last discovery
 * report), and stores it when it changed. Blocking: the router function, the local server and tests call it.
 */
@ApplicationScoped
public class PolicyService {

    private static final Logger LOG = Logger.getLogger(PolicyService.class);

    private final ModelCatalog catalog;
    private final CatalogStore catalogStore;
    private final RoutingStore store;
    private final QualityPriors priors;
    private final ObjectMapper mapper;

    public PolicyService(ModelCatalog catalog, CatalogStore catalogStore, RoutingStore store, ObjectMapper mapper) {
        this.catalog = catalog;
        this.catalogStore = catalogStore;
        this.store = store;
        this.priors = QualityPriors.load(mapper);
        this.mapper = mapper;
    }

    /** What one compilation did. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompileReport(long policyVersion, boolean changed, long catalogVersion, int models,
            java.util.List<String> degradedProviders, String priorsVersion) {
    }

    /** Reloads the catalog, compiles and stores the policy if it changed. */
    public CompileReport compileAndPublish(String why) {
        catalog.reload();
        long before = store.policyVersion();
        Document document = compile();
        long version = store.publishPolicy(document, hash(document), Instant.now());
        CompileReport report = new CompileReport(version, version != before, document.catalogVersion(),
                document.models().size(), document.degradedProviders(), document.priorsVersion());
        LOG.infof("Routing policy %s (%s): version %d, %d models, catalog version %d", version != before
                ? "compiled" : "unchanged", why, version, document.models().size(), document.catalogVersion());
        return report;
    }

    /** A policy from the catalog snapshot this process holds, not stored. */
    public Document compile() {
        return PolicyCompiler.compile(catalog.all(), priors, degradedProviders(), catalog.version(), Instant.now());
    }

    /** Providers whose last discovery failed: their models rank after others until they answer again. */
    Set<String> degradedProviders() {
        Set<String> degraded = new HashSet<>();
        try {
            String report = catalogStore.lastReport();
            if (report == null) {
                return degraded;
            }
            for (JsonNode provider : mapper.readTree(report).path("providers")) {
                if (ProviderReport.FAILED.equals(provider.path("status").asText())) {
                    degraded.add(provider.path("provider").asText());
                }
            }
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable discovery report; compiling without health: %s", e.getOriginalMessage());
        }
        return degraded;
    }

    /** The content hash: everything but the time stamp and the version. */
    String hash(Document document) {
        try {
            Document timeless = new Document(0, document.catalogVersion(), document.priorsVersion(), "",
                    document.degradedProviders(), document.models(), document.rankings());
            return ContentHash.sha256(mapper.writeValueAsString(timeless));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A routing policy always serializes", e);
        }
    }
}
