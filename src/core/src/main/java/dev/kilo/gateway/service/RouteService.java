package dev.kilo.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.KeyService;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.provider.ProviderRegistry;
import dev.kilo.gateway.request.GatewayRequest;
import dev.kilo.gateway.routing.Profile;
import dev.kilo.gateway.routing.RequestSignals;
import dev.kilo.gateway.routing.RouteDecision;
import dev.kilo.gateway.routing.Router;
import dev.kilo.gateway.routing.RoutingControls;
import dev.kilo.gateway.routing.SignalExtractor;
import dev.kilo.gateway.service.RouteRecord.Attempt;
import dev.kilo.gateway.store.RoutingStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Routing as a service: decides for automatic model ids (the completions path and {@code POST /v1/route} run the
 * same decision), records decisions off the response path, and finds them again by request id.
 */
@ApplicationScoped
public class RouteService {

    private static final Logger LOG = Logger.getLogger(RouteService.class);

    private final RoutingPolicies policies;
    private final ProviderHealth health;
    private final SessionPins pins;
    private final RoutingStore store;
    private final ObjectMapper mapper;
    private final GatewayConfig.Routing config;
    private final Predicate<String> served;
    private final BackgroundWrites background;

    public RouteService(RoutingPolicies policies, ProviderHealth health, SessionPins pins, RoutingStore store,
            ObjectMapper mapper, GatewayConfig config, ProviderRegistry providers, BackgroundWrites background) {
        this.background = background;
        this.served = !config.routing().onlyConfiguredProviders() || providers.all().isEmpty() ? p -> true
                : p -> providers.find(p).isPresent();
        this.policies = policies;
        this.health = health;
        this.pins = pins;
        this.store = store;
        this.mapper = mapper;
        this.config = config.routing();
    }

    /**
     * A routed request: the decision, the conversation's session key (to pin the model that answers), and the
     * request as it goes upstream (without the routing controls).
     */
    public record Routed(RouteDecision decision, String sessionKey, GatewayRequest request) {
    }

    public static boolean isAutomatic(String model) {
        return Profile.isAutomatic(model) || model.startsWith("kilo/auto") || model.startsWith("kilo-auto/");
    }

    /** Decides for an automatic id on the completions path. */
    public Uni<Routed> route(GatewayCall call) {
        return route(call.request(), call.headers()::get, call.key());
    }

    /** Decides for an automatic id. Reads the routing controls and removes them from the body. */
    private Uni<Routed> route(GatewayRequest request, Function<String, String> headers, ApiKey key) {
        KeyRouting keyRouting = KeyRouting.of(key);
        RoutingControls controls = RoutingControls.fromBody(request.body());
        if (controls.models() == null && keyRouting.defaultModels() != null) {
            controls = new RoutingControls(null, controls.maxPrice(), keyRouting.defaultModels(), controls.exclude(),
                    controls.costQualityTradeoff());
        }
        RoutingControls keyDefaults = keyRouting.bounds();
        request.body().remove(RoutingControls.FIELD);
        request.body().remove("models");
        RequestSignals signals = SignalExtractor.extract(request.endpoint(), request.body(), headers);
        RoutingControls requested = controls;
        return pins.find(signals).map(sticky -> new Routed(Router.decide(request.model(), signals,
                policies.current(), requested, keyDefaults, served, health, sticky), signals.sessionKey(), request));
    }

    /** {@code POST /v1/route}: the decision for any request; a named model is its own answer. */
    public Uni<RouteDecision> explain(GatewayRequest request, Function<String, String> headers, String requestId,
            ApiKey caller) {
        if (!isAutomatic(request.model())) {
            return Uni.createFrom().item(named(request, headers));
        }
        return route(request, headers, caller).map(routed -> {
            record(requestId, caller, new RouteRecord(RouteRecord.OBJECT, requestId, Instant.now().toString(), true,
                    routed.decision(), null, null));
            return routed.decision();
        });
    }

    private RouteDecision named(GatewayRequest request, Function<String, String> headers) {
        RequestSignals signals = SignalExtractor.extract(request.endpoint(), request.body(), headers);
        var classification = dev.kilo.gateway.routing.TaskClassifier.classify(signals);
        var needs = dev.kilo.gateway.routing.Needs.of(signals);
        return new RouteDecision(request.model(), null, classification.taskClass().wire(),
                classification.decidedBy(), needs, request.model(), List.of(), null, signals.promptTokens(),
                signals.requestedOutputTokens(), List.of("The request names " + request.model()
                        + ": it is served by that model, without routing or fallbacks."), policies.current().version(),
                false, null);
    }

    /** The model that answered a conversation's request: its next requests stay there. */
    public void served(Routed routed, String model) {
        pins.pin(routed.sessionKey(), model);
        health.succeeded(providerOf(model));
    }

    /** A candidate failed before its first byte; the provider's health counts it. */
    public void failed(String model) {
        health.failed(providerOf(model));
    }

    /** Stores the record on a worker thread: the caller never waits for it, and a failure is only logged. */
    public void record(String requestId, ApiKey caller, RouteRecord record) {
        if (!config.recordDecisions()) {
            return;
        }
        background.run(() -> {
            try {
                Instant now = Instant.now();
                store.putDecision(requestId, caller == null ? null : caller.id(), mapper.writeValueAsString(record),
                        now, now.plus(config.decisionTtl()));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warnf("%s: decision record not stored: %s", requestId, e.getClass().getSimpleName());
            }
        });
    }

    /** A served request's record, built from the decision and the attempts. */
    public void recordServed(String requestId, ApiKey caller, RouteDecision decision, List<Attempt> attempts,
            String servedBy) {
        record(requestId, caller, new RouteRecord(RouteRecord.OBJECT, requestId, Instant.now().toString(), false,
                decision, List.copyOf(attempts), servedBy));
    }

    /** The record of a request made with the caller's key (admins see all); 404 otherwise. Blocking. */
    public RouteRecord find(String requestId, ApiKey caller) {
        GatewayException notFound = new GatewayException(404, "invalid_request_error", "not_found", null,
                "No routing decision recorded for request id '" + requestId + "' (decisions are kept "
                        + config.decisionTtl().toDays() + " days, and only for the key that made the request).");
        RoutingStore.StoredDecision stored = store.findDecision(requestId, Instant.now()).orElseThrow(() -> notFound);
        boolean admin = caller != null && KeyService.ROLE_ADMIN.equals(caller.role());
        if (!admin && (caller == null || !caller.id().equals(stored.keyId()))) {
            throw notFound;
        }
        try {
            return mapper.readValue(stored.json(), RouteRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable decision record " + requestId, e);
        }
    }

    static String providerOf(String model) {
        int slash = model.indexOf('/');
        return slash < 0 ? model : model.substring(0, slash);
    }
}
