package dev.kilo.gateway.auth;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kilo.gateway.store.CounterStore;
import dev.kilo.gateway.store.KeyStore;
import java.math.BigDecimal;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Creates, lists, updates and revokes keys: the one service behind the key CLI and the key management API.
 * Changes take effect on this instance at once and on others within {@code gateway.auth.key-cache-ttl}.
 */
@ApplicationScoped
public class KeyService {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private final KeyStore store;
    private final Authenticator authenticator;
    private final CounterStore counters;

    public KeyService(KeyStore store, Authenticator authenticator, CounterStore counters) {
        this.store = store;
        this.authenticator = authenticator;
        this.counters = counters;
    }

    /** A key's spend in its current budget window. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Spend(BigDecimal spentUsd, String window, Instant resetsAt) {
    }

    /** What the key has spent in its current budget window; empty when it has no budget. */
    public Optional<Spend> spend(ApiKey key) {
        if (key.limits().budgetUsd() == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String window = key.limits().period().window(now);
        return Optional.of(new Spend(counters.spent(key.id(), window), window, key.limits().period().resetsAt(now)));
    }

    /** A key just created: the stored record and the secret, which exists nowhere else and is shown once. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    public CreatedKey create(String name, String role) {
        return create(name, role, KeyLimits.NONE);
    }

    public CreatedKey create(String name, String role, KeyLimits limits) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A key needs a name");
        }
        if (!ROLE_USER.equals(role) && !ROLE_ADMIN.equals(role)) {
            throw new IllegalArgumentException("Role must be 'user' or 'admin'");
        }
        String secret = KeySecrets.newSecret();
        ApiKey key = new ApiKey(KeySecrets.newId(), KeySecrets.hash(secret), name.strip(), KeySecrets.hint(secret),
                role, ApiKey.ACTIVE, Instant.now().truncatedTo(ChronoUnit.MILLIS), limits);
        store.create(key);
        return new CreatedKey(key, secret);
    }

    public List<ApiKey> list() {
        return store.list();
    }

    public Optional<ApiKey> find(String id) {
        return store.findById(id);
    }

    /** Renames the key or replaces its limits; empty when there is no key with this id. */
    public Optional<ApiKey> update(String id, String name, KeyLimits limits) {
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("A key needs a name");
        }
        return store.findById(id).map(key -> new ApiKey(key.id(), key.hash(), name == null ? key.name() : name.strip(),
                        key.hint(), key.role(), key.status(), key.createdAt(), limits == null ? key.limits() : limits))
                .filter(store::update)
                .map(updated -> {
                    authenticator.invalidate(updated.hash());
                    return updated;
                });
    }

    /** Revokes the key with this id; empty when there is none. */
    public Optional<ApiKey> revoke(String id) {
        return store.findById(id).filter(store::revoke).map(key -> {
            authenticator.invalidate(key.hash());
            return new ApiKey(key.id(), key.hash(), key.name(), key.hint(), key.role(), ApiKey.REVOKED,
                    key.createdAt(), key.limits());
        });
    }
}
