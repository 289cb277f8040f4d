package dev.kilo.gateway.api;

/**
 * Where the API is served. The same resources answer under three prefixes: {@code /v1} (OpenAI's), and the hosted
 * Kilo gateway's {@code /api/gateway} (OpenClaw) and {@code /api/openrouter} (Kilo Code CLI, whose client fixes that
 * part of the path), so those clients need nothing but the gateway's root URL. The aliases are rewritten to
 * {@code /v1} before routing ({@link EdgeFilters}): one set of resources, one OpenAPI description.
 */
final class ApiPaths {

    static final String V1 = "/v1";

    /** The hosted Kilo gateway's prefixes, rewritten to {@code /v1} before routing. */
    private static final String[] ALIASES = {"/api/gateway", "/api/openrouter"};
    private static final String[] ROOTS = {"/v1/", "/api/gateway/", "/api/openrouter/"};

    private ApiPaths() {
    }

    /** The path under {@code /v1} that an aliased path stands for, or null when the path is not aliased. */
    static String canonical(String path) {
        for (String alias : ALIASES) {
            if (path.startsWith(alias + "/")) {
                return V1 + path.substring(alias.length());
            }
        }
        return null;
    }

    /** The endpoints whose answer is JSON or SSE depending on the request body. */
    static boolean isCompletion(String path) {
        return path.endsWith("/chat/completions") || path.endsWith("/completions") || path.endsWith("/embeddings");
    }

    /** {@code GET .../models} and {@code .../models/{id}}, which may be public (gateway.auth.public-model-list). */
    static boolean isModelList(String method, String path) {
        return "GET".equals(method) && isApi(path) && (path.endsWith("/models") || path.contains("/models/"));
    }

    static boolean isApi(String path) {
        for (String root : ROOTS) {
            if (path.startsWith(root) || path.equals(root.substring(0, root.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
