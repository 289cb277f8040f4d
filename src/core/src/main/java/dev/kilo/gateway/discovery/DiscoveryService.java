package dev.kilo.gateway.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.discovery.CatalogPlan.Fresh;
import dev.kilo.gateway.discovery.DiscoveryReport.ProviderReport;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.provider.Provider;
import dev.kilo.gateway.provider.ProviderRegistry;
import dev.kilo.gateway.provider.UpstreamErrors;
import dev.kilo.gateway.store.CatalogStore;
import dev.kilo.gateway.store.CatalogStore.CatalogVersion;
import dev.kilo.gateway.store.CatalogStore.StoredModel;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Refreshes the catalog: asks every enabled provider for its models (all at once), fills what the lists do not say
 * from the curated registry, and writes only what changed. A provider that fails keeps its last good models and is
 * reported. Blocking: called from the discovery function, the key CLI and the local server's timer thread.
 */
@ApplicationScoped
public class DiscoveryService {

    private static final Logger LOG = Logger.getLogger(DiscoveryService.class);

    private final ProviderRegistry providers;
    private final CatalogStore store;
    private final ModelLister lister;
    private final ModelRegistry registry;
    private final ObjectMapper mapper;
    private final GatewayConfig.Discovery config;

    @Inject
    public DiscoveryService(ProviderRegistry providers, CatalogStore store, ObjectMapper mapper,
            GatewayConfig config) {
        this(providers, store, ModelLister.withRestClients(), ModelRegistry.load(mapper), mapper, config.discovery());
    }

    DiscoveryService(ProviderRegistry providers, CatalogStore store, ModelLister lister, ModelRegistry registry,
            ObjectMapper mapper, GatewayConfig.Discovery config) {
        this.providers = providers;
        this.store = store;
        this.lister = lister;
        this.registry = registry;
        this.mapper = mapper;
        this.config = config;
    }

    /** One provider's answer: its models, or why there are none this time. */
    private record Answer(String provider, List<Fresh> models, GatewayException failure) {
    }

    public DiscoveryReport refresh() {
        Instant started = Instant.now();
        List<Answer> answers = Uni.join().all(providers.all().values().stream().map(this::ask).toList())
                .andFailFast()
                .await().atMost(config.timeout().plusSeconds(5));
        Map<String, List<Fresh>> answered = new LinkedHashMap<>();
        answers.stream().filter(a -> a.failure() == null).forEach(a -> answered.put(a.provider(), a.models()));
        return apply(started, answers, answered);
    }

    /**
     * Writes the models named in provider configuration (enriched from the registry) without asking any provider:
     * what the catalog holds at start even before, or without, a successful refresh. Providers without a configured
     * list are left as they are.
     */
    public DiscoveryReport seedConfigured() {
        Instant started = Instant.now();
        Map<String, List<Fresh>> configured = new LinkedHashMap<>();
        providers.all().values().forEach(p -> {
            List<Fresh> models = configuredOnly(p, List.of());
            if (!models.isEmpty()) {
                configured.put(p.id(), models);
            }
        });
        List<Answer> answers = configured.entrySet().stream()
                .map(e -> new Answer(e.getKey(), e.getValue(), null)).toList();
        return apply(started, answers, configured);
    }

    private Uni<Answer> ask(Provider provider) {
        return lister.list(provider.id(), provider.config())
                .ifNoItem().after(config.timeout()).fail()
                .map(models -> new Answer(provider.id(), fresh(provider, models), null))
                .onFailure().recoverWithItem(failure -> {
                    GatewayException error = UpstreamErrors.map(provider.id(), failure);
                    LOG.warnf("Discovery: provider %s failed (%s): %s", provider.id(), error.code(),
                            error.getMessage());
                    return new Answer(provider.id(), List.of(), error);
                });
    }

    /**
     * The provider's catalog entries: everything it lists, enriched; or, when its configuration names models, just
     * those (enriched with what its list said about them, if anything).
     */
    private List<Fresh> fresh(Provider provider, List<DiscoveredModel> listed) {
        List<String> configured = provider.config().models().orElse(List.of());
        if (!configured.isEmpty()) {
            return configuredOnly(provider, listed);
        }
        return listed.stream().map(this::enriched).toList();
    }

    private List<Fresh> configuredOnly(Provider provider, List<DiscoveredModel> listed) {
        Map<String, DiscoveredModel> byId = listed.stream()
                .collect(Collectors.toMap(DiscoveredModel::upstreamId, Function.identity(), (a, b) -> a));
        String providerName = provider.config().displayName().orElse(provider.id());
        return provider.config().models().orElse(List.of()).stream()
                .map(id -> byId.getOrDefault(id, DiscoveredModel.configured(provider.id(), providerName, id)))
                .map(this::enriched)
                .toList();
    }

    private Fresh enriched(DiscoveredModel model) {
        DiscoveredModel full = registry.enrich(model);
        return new Fresh(full.toCatalogModel(), full.source());
    }

    private DiscoveryReport apply(Instant started, List<Answer> answers, Map<String, List<Fresh>> answered) {
        Instant now = Instant.now();
        Map<String, StoredModel> stored = CatalogPlan.byId(store.all());
        CatalogPlan plan = CatalogPlan.of(stored, answered, store::json, now, config.goneGrace());
        int writes = 0;
        Map<String, Integer> writtenBy = new LinkedHashMap<>();
        for (CatalogPlan.Write write : plan.writes()) {
            // The condition makes a concurrent refresh that already wrote the same content cost nothing.
            if (store.putIfChanged(write.model(), write.hash(), write.source(), now)) {
                writes++;
                writtenBy.merge(write.model().provider(), 1, Integer::sum);
            }
        }
        Map<String, Integer> goneBy = new LinkedHashMap<>();
        for (String id : plan.gone()) {
            if (store.markGone(id, now)) {
                writes++;
                goneBy.merge(id.substring(0, id.indexOf('/')), 1, Integer::sum);
            }
        }
        CatalogVersion before = store.version();
        List<ProviderReport> reports = new ArrayList<>();
        for (Answer answer : answers) {
            reports.add(report(answer, stored, writtenBy, goneBy));
        }
        int failed = (int) reports.stream().filter(r -> ProviderReport.FAILED.equals(r.status())).count();
        DiscoveryReport draft = new DiscoveryReport(started.toString(), 0, 0, false, writes,
                goneBy.values().stream().mapToInt(Integer::intValue).sum(), failed, registry.version(), reports);
        CatalogVersion after = store.publish(plan.catalogHash(), json(draft), now);
        DiscoveryReport report = new DiscoveryReport(draft.startedAt(),
                Duration.between(started, Instant.now()).toMillis(), after.version(),
                after.version() != before.version(), writes, draft.gone(), failed, registry.version(), reports);
        LOG.infof("Discovery: catalog version %d (%s), %d writes, %d gone, %d provider(s) failed, %d ms",
                report.catalogVersion(), report.changed() ? "changed" : "unchanged", writes, report.gone(), failed,
                report.durationMs());
        return report;
    }

    private static ProviderReport report(Answer answer, Map<String, StoredModel> stored,
            Map<String, Integer> writtenBy, Map<String, Integer> goneBy) {
        if (answer.failure() != null) {
            int kept = (int) stored.values().stream()
                    .filter(m -> m.active() && m.model().provider().equals(answer.provider())).count();
            return new ProviderReport(answer.provider(), ProviderReport.FAILED, kept, 0, 0,
                    answer.failure().code(), answer.failure().getMessage());
        }
        return new ProviderReport(answer.provider(), ProviderReport.OK, answer.models().size(),
                writtenBy.getOrDefault(answer.provider(), 0), goneBy.getOrDefault(answer.provider(), 0), null, null);
    }

    private String json(DiscoveryReport report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A report always serializes", e);
        }
    }
}
