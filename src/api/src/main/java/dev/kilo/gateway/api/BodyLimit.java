package dev.kilo.gateway.api;

import dev.kilo.gateway.error.ErrorTypes;
import dev.kilo.gateway.error.GatewayException;

/** The request body size limit, enforced on the declared length and again on the bytes actually read. */
final class BodyLimit {

    private BodyLimit() {
    }

    static GatewayException tooLarge(long limit) {
        return new GatewayException(413, ErrorTypes.INVALID_REQUEST, "request_too_large", null,
                "The request body is larger than this gateway accepts (" + limit + " bytes).");
    }

    static byte[] check(byte[] body, long limit) {
        if (body == null || body.length == 0) {
            throw GatewayException.invalidRequest("The request body is empty. Expected a JSON object.");
        }
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return body;
    }
}
