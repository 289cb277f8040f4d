package dev.kilo.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.routing.RequestSignals;
import dev.kilo.gateway.store.RoutingStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Which model each conversation is on, so its later requests stay there (prompt caches and thinking signatures
 * only survive on the same model). In memory first; the routing table holds pins for other instances (Lambda
 * spreads one conversation over several), read only for a conversation's later turns that this instance has not
 * seen, on a worker thread, and written off the response path.
 */
@ApplicationScoped
public class SessionPins {

    private static final Logger LOG = Logger.getLogger(SessionPins.class);
    private static final String NONE = "";

    private final Cache<String, String> cache;
    private final RoutingStore store;
    private final Duration ttl;
    private final BackgroundWrites background;

    public SessionPins(RoutingStore store, GatewayConfig config, BackgroundWrites background) {
        this.store = store;
        this.background = background;
        this.ttl = config.routing().sessionTtl();
        this.cache = Caffeine.newBuilder().maximumSize(config.routing().sessionCacheSize())
                .expireAfterAccess(ttl).build();
    }

    /** The model the request's conversation is pinned to, or null. */
    public Uni<String> find(RequestSignals signals) {
        String key = signals.sessionKey();
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        String cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached.isEmpty() ? null : cached);
        }
        if (signals.userTurns() <= 1 && !signals.inToolLoop() && !signals.sessionSource().startsWith("x-")) {
            // The first turn of a conversation identified by its messages: nothing can be pinned yet.
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(() -> lookUp(key)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String lookUp(String key) {
        try {
            String model = store.findSession(key, Instant.now()).orElse(NONE);
            cache.put(key, model);
            return model.isEmpty() ? null : model;
        } catch (RuntimeException e) {
            LOG.warnf("Session pin lookup failed, routing without it: %s", e.getClass().getSimpleName());
            return null;
        }
    }

    /** Pins the conversation to the model that served it; the table write happens on a worker thread. */
    public void pin(String key, String model) {
        if (key == null || model.equals(cache.getIfPresent(key))) {
            return;
        }
        cache.put(key, model);
        background.run(() -> {
            try {
                store.putSession(key, model, Instant.now().plus(ttl));
            } catch (RuntimeException e) {
                LOG.warnf("Session pin not stored: %s", e.getClass().getSimpleName());
            }
        });
    }
}
