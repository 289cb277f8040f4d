package dev.kilo.gateway.provider;

import jakarta.ws.rs.core.Response;

/**
 * An upstream answered with an error status. Carries what {@link UpstreamErrors} needs to answer the caller; the
 * body is kept only to extract the provider's own error message, never returned as is.
 */
public class UpstreamHttpException extends RuntimeException {

    private final int status;
    private final String body;
    private final String retryAfter;

    public UpstreamHttpException(int status, String body, String retryAfter) {
        super("Upstream answered HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** Used by the REST clients' exception mappers for every status of 400 and above. */
    public static UpstreamHttpException from(Response response) {
        String body;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            body = "";
        }
        return new UpstreamHttpException(response.getStatus(), body, response.getHeaderString("retry-after"));
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public String retryAfter() {
        return retryAfter;
    }
}
