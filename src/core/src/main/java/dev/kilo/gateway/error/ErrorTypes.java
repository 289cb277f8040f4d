package dev.kilo.gateway.error;

/** The {@code error.type} values we answer with: OpenAI's where one fits, our own for gateway-side faults. */
public final class ErrorTypes {
    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String RATE_LIMIT = "rate_limit_error";
    /** A key's budget is spent (402). */
    public static final String INSUFFICIENT_QUOTA = "insufficient_quota";
    /** The key may not do this (403). */
    public static final String PERMISSION = "permission_error";
    /** The upstream provider failed or could not be reached (502/503/504). */
    public static final String UPSTREAM = "upstream_error";
    public static final String SERVER = "server_error";

    private ErrorTypes() {
    }
}
