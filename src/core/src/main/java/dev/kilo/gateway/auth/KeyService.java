package dev.kilo.gateway.auth;

import dev.kilo.gateway.store.KeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Creates, lists and revokes keys. Shared by the key CLI and (later) the key management API. */
@ApplicationScoped
public class KeyService {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    private final KeyStore store;

    public KeyService(KeyStore store) {
        this.store = store;
    }

    /** A key just created: the stored record and the secret, which exists nowhere else and is shown once. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    public CreatedKey create(String name, String role) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A key needs a name");
        }
        if (!ROLE_USER.equals(role) && !ROLE_ADMIN.equals(role)) {
            throw new IllegalArgumentException("Role must be 'user' or 'admin'");
        }
        String secret = KeySecrets.newSecret();
        ApiKey key = new ApiKey(KeySecrets.newId(), KeySecrets.hash(secret), name.strip(), KeySecrets.hint(secret),
                role, ApiKey.ACTIVE, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store.create(key);
        return new CreatedKey(key, secret);
    }

    public List<ApiKey> list() {
        return store.list();
    }

    /** Revokes the key with this id; empty when there is none. */
    public Optional<ApiKey> revoke(String id) {
        return store.findById(id).filter(store::revoke);
    }
}
