package dev.kilo.gateway.api;

/** Which paths are the authenticated API. */
final class ApiPaths {

    static final String V1 = "/v1";

    private ApiPaths() {
    }

    static boolean isApi(String path) {
        return path.startsWith(V1 + "/") || path.equals(V1);
    }
}
