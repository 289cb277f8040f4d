package dev.kilo.gateway.service;

import dev.kilo.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Live provider health as this process sees it: a provider that failed {@code unhealthy-after} times in a row
 * (429, 5xx, timeout, connection) is skipped by the router for {@code unhealthy-for}, while other models fit. One
 * success resets it. In memory only: each instance learns from its own traffic, with no read per request.
 */
@ApplicationScoped
public class ProviderHealth implements Predicate<String> {

    private record State(int failures, boolean down, long downUntilNanos) {
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final int threshold;
    private final long downNanos;

    public ProviderHealth(GatewayConfig config) {
        this.threshold = config.routing().unhealthyAfter();
        this.downNanos = config.routing().unhealthyFor().toNanos();
    }

    /** Whether the provider is skipped right now. */
    @Override
    public boolean test(String provider) {
        State state = states.get(provider);
        return state != null && state.down() && state.downUntilNanos() - System.nanoTime() > 0;
    }

    public void failed(String provider) {
        states.compute(provider, (p, s) -> {
            int failures = (s == null ? 0 : s.failures()) + 1;
            return failures >= threshold ? new State(failures, true, System.nanoTime() + downNanos)
                    : new State(failures, false, 0);
        });
    }

    public void succeeded(String provider) {
        states.remove(provider);
    }
}
