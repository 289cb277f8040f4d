package dev.kilo.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.kilo.gateway.config.GatewayConfig;
import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;
import dev.kilo.gateway.store.KeyStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Verifies Bearer keys. Verified hashes are cached in-process for {@code gateway.auth.key-cache-ttl} so the request
 * path does not pay a DynamoDB round trip; concurrent first uses of one key share a single lookup.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    private static final String BEARER = "Bearer ";

    private final KeyStore store;
    private final AsyncCache<String, Optional<ApiKey>> cache;

    public Authenticator(KeyStore store, GatewayConfig config) {
        this.store = store;
        long knownNanos = config.auth().keyCacheTtl().toNanos();
        long unknownNanos = config.auth().unknownKeyCacheTtl().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.auth().keyCacheSize())
                .expireAfter(new Expiry<String, Optional<ApiKey>>() {
                    @Override
                    public long expireAfterCreate(String hash, Optional<ApiKey> key, long now) {
                        return key.isPresent() ? knownNanos : unknownNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String hash, Optional<ApiKey> key, long now, long current) {
                        return expireAfterCreate(hash, key, now);
                    }

                    @Override
                    public long expireAfterRead(String hash, Optional<ApiKey> key, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    /** The active key named by an {@code Authorization} header value, or a 401. */
    public Uni<ApiKey> authenticate(String authorization) {
        String secret = secretFrom(authorization);
        String hash = KeySecrets.hash(secret);
        CompletableFuture<Optional<ApiKey>> lookup = cache.get(hash,
                (h, executor) -> CompletableFuture.supplyAsync(() -> load(h), Infrastructure.getDefaultWorkerPool()));
        if (lookup.isDone() && !lookup.isCompletedExceptionally()) {
            // The common case: answered from memory without a thread hop.
            return Uni.createFrom().item(check(lookup.join()));
        }
        return Uni.createFrom().completionStage(lookup).map(Authenticator::check);
    }

    /** Forgets a key, so that this instance sees a revocation at once. */
    public void invalidate(String hash) {
        cache.synchronous().invalidate(hash);
    }

    private Optional<ApiKey> load(String hash) {
        try {
            return store.findByHash(hash);
        } catch (RuntimeException e) {
            LOG.errorf("Key lookup failed: %s", e.getClass().getSimpleName());
            throw new GatewayException(503, ErrorTypes.SERVER, "key_store_unavailable", null,
                    "The key store is unavailable; please retry shortly.");
        }
    }

    private static ApiKey check(Optional<ApiKey> key) {
        if (key.isEmpty()) {
            throw GatewayException.invalidApiKey("Incorrect API key provided.");
        }
        if (!key.get().active()) {
            throw GatewayException.invalidApiKey("This API key has been revoked.");
        }
        return key.get();
    }

    private static String secretFrom(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw GatewayException.invalidApiKey("You didn't provide an API key. Provide it in the Authorization "
                    + "header using Bearer auth (Authorization: Bearer YOUR_KEY).");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw GatewayException.invalidApiKey("The Authorization header must use the Bearer scheme "
                    + "(Authorization: Bearer YOUR_KEY).");
        }
        String secret = authorization.substring(BEARER.length()).strip();
        if (secret.isEmpty()) {
            throw GatewayException.invalidApiKey("You didn't provide an API key after 'Bearer'.");
        }
        return secret;
    }
}
