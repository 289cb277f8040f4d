package dev.kilo.gateway.api;

/** Which paths are the authenticated API. */
final class ApiPaths {

    static final String V1 = "/v1";

    private ApiPaths() {
    }

    /** The endpoints whose answer is JSON or SSE depending on the request body. */
    static boolean isCompletion(String path) {
        return path.endsWith("/chat/completions") || path.endsWith("/completions") || path.endsWith("/embeddings");
    }

    static boolean isApi(String path) {
        return path.startsWith(V1 + "/") || path.equals(V1);
    }
}
