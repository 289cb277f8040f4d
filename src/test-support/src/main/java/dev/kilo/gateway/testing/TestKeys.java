package dev.kilo.gateway.testing;

import dev.kilo.gateway.auth.KeyService;

/** API keys for tests, created through the real key service into DynamoDB Local. */
public final class TestKeys {

    private TestKeys() {
    }

    public static String bearer(KeyService keys, String name) {
        return "Bearer " + keys.create(name, KeyService.ROLE_USER).secret();
    }
}
