package dev.kilo.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kilo.gateway.auth.ApiKey;
import dev.kilo.gateway.auth.KeyLimits;
import dev.kilo.gateway.auth.KeyService;
import java.util.List;

/**
 * A key as the key management API shows it: never its hash, the secret only once, in {@code key}, when created.
 * Limits appear as flat fields, as they are sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record KeyView(String id, String object, String name, String role, String status, String hint, String createdAt,
        @JsonUnwrapped KeyLimits limits, KeyService.Spend spend, String key) {

    static KeyView of(ApiKey key, KeyService.Spend spend, String secret) {
        return new KeyView(key.id(), "api_key", key.name(), key.role(), key.status(), key.hint(),
                key.createdAt().toString(), key.limits(), spend, secret);
    }

    record KeyList(String object, List<KeyView> data) {
    }
}
