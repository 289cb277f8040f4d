package dev.kilo.gateway.auth;

import java.time.Instant;

/**
 * A caller's key as stored: never the secret itself, only its SHA-256 hash and what is safe to show.
 *
 * @param id public identifier used to manage the key ({@code key_...})
 * @param hash hex SHA-256 of the full secret
 * @param name owner-chosen label
 * @param hint the secret's last four characters, to tell keys apart in listings
 * @param role {@code user} or {@code admin}
 * @param status {@code active} or {@code revoked}
 * @param limits budget, rate limits, model access and routing defaults; {@link KeyLimits#NONE} when unlimited
 */
public record ApiKey(String id, String hash, String name, String hint, String role, String status, Instant createdAt,
        KeyLimits limits) {

    public ApiKey {
        limits = limits == null ? KeyLimits.NONE : limits;
    }

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    public boolean admin() {
        return KeyService.ROLE_ADMIN.equals(role);
    }
}
