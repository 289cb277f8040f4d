package dev.kilo.gateway.auth;

import dev.kilo.gateway.store.ContentHash;
import java.security.SecureRandom;
import java.util.Base64;

/** Generates key secrets and ids, and hashes secrets the one way they are ever stored. */
public final class KeySecrets {

    /** Every secret starts with this, so leaked keys are recognisable by secret scanners. */
    public static final String PREFIX = "sk-kg-";

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {
    }

    /** A new secret: the prefix and 32 random bytes (256 bits) in URL-safe Base64. */
    public static String newSecret() {
        return PREFIX + randomToken(32);
    }

    /** A new public key id. */
    public static String newId() {
        return "key_" + randomToken(12);
    }

    /** Hex SHA-256 of the secret. Keys carry 256 bits of entropy, so an unsalted fast hash is enough. */
    public static String hash(String secret) {
        return ContentHash.sha256(secret);
    }

    public static String hint(String secret) {
        return secret.substring(Math.max(0, secret.length() - 4));
    }

    private static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
